/**
 * Profiles, the directory, notification settings, the data export and the account deletion
 * against a real database, on SQLite and PostgreSQL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { insertPersonActor } from '../../../../tests/support/actors';
import { useTestDatabase } from '../../../../tests/support/database';
import { errorOf } from '../../../../tests/support/errors';
import { hashPassword } from '../auth';
import type { PersonActor } from '../context';
import { json } from '../db';
import { germanSortKey } from '../text/sort-key';
import {
	deleteAccount,
	exportAccount,
	FORMER_MEMBER_NAME,
	getNotificationSettings,
	getOwnProfile,
	getPerson,
	listDirectoryFacets,
	listPeople,
	parseDirectoryFilter,
	updateNotificationSettings,
	updateProfile,
	type UpdateProfileInput
} from './index';

const t = useTestDatabase();
const PASSWORD = 'Rhein-Ufer-Laterne-47';
let passwordHash = '';
const municipalityIds: Record<string, number> = {};

let people = 0;
/** A person with a password in the given municipalities; returns their actor. */
async function person(
	name: string,
	ags: string[] = [],
	extra: { isCoordinator?: boolean } = {}
): Promise<PersonActor> {
	people += 1;
	return insertPersonActor(
		t.db,
		{
			email: `person${people}@kehl.example`,
			display_name: name,
			password_hash: passwordHash,
			updated_at: '2026-11-25T10:00:00.000Z'
		},
		ags.map((code) => municipalityIds[code]!),
		extra
	);
}

function profile(overrides: Partial<UpdateProfileInput> = {}): UpdateProfileInput {
	return {
		displayName: 'Name',
		jobTitle: '',
		phone: '',
		about: '',
		expertise: '',
		topics: '',
		emailVisibility: 'network',
		phoneVisibility: 'network',
		isListed: true,
		...overrides
	};
}

beforeAll(async () => {
	passwordHash = await hashPassword(PASSWORD);
	for (const [ags, name] of [
		['08317057', 'Kehl'],
		['08317065', 'Lahr'],
		['08317096', 'Offenburg']
	] as const) {
		const row = await t.db
			.insertInto('municipality')
			.values({
				ags,
				name,
				name_sort: germanSortKey(name),
				type: 'stadt',
				membership_status: 'member',
				is_founding_member: false,
				is_demo: false,
				updated_at: '2026-11-25T10:00:00.000Z'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		municipalityIds[ags] = row.id;
	}
});

describe('profile and directory', () => {
	let oezlem: PersonActor;
	let bernd: PersonActor;
	let hidden: PersonActor;
	let outsider: PersonActor;

	beforeAll(async () => {
		oezlem = await person('Özlem Arslan', ['08317057']);
		bernd = await person('Peter Zeller', ['08317065']);
		hidden = await person('Nicht Gelistet', ['08317057']);
		outsider = await person('Uwe Außen', ['08317096']);
		await updateProfile(
			t.ctx(oezlem),
			profile({
				displayName: '  Özlem Arslan ',
				jobTitle: 'Digitallotsin',
				phone: '+49 7851 123-45',
				about: 'Ich helfe bei Online-Diensten.',
				expertise: 'E-Akte, OZG-Umsetzung, e akte',
				topics: 'Bauen & Wohnen\nFamilie & Kind',
				phoneVisibility: 'municipality'
			})
		);
		await updateProfile(
			t.ctx(bernd),
			profile({
				displayName: 'Peter Zeller',
				jobTitle: 'Digitalisierungsbeauftragter',
				expertise: 'Breitband, E-Akte',
				emailVisibility: 'hidden',
				phone: '07821 55',
				phoneVisibility: 'hidden'
			})
		);
		await updateProfile(t.ctx(hidden), profile({ displayName: 'Nicht Gelistet', isListed: false }));
	});

	it('saves the profile, trimmed, with tags once per sort key', async () => {
		const own = await getOwnProfile(t.ctx(oezlem));
		expect(own).toMatchObject({
			displayName: 'Özlem Arslan',
			jobTitle: 'Digitallotsin',
			phone: '+49 7851 123-45',
			expertise: ['E-Akte', 'OZG-Umsetzung'],
			topics: ['Bauen & Wohnen', 'Familie & Kind'],
			emailVisibility: 'network',
			phoneVisibility: 'municipality',
			isListed: true,
			municipalities: [{ ags: '08317057', name: 'Kehl', role: 'member' }]
		});
	});

	it('refuses bad input field by field and changes nothing', async () => {
		const error = await errorOf(
			updateProfile(
				t.ctx(oezlem),
				profile({
					displayName: ' ',
					phone: 'ruf mich an',
					about: 'x'.repeat(1001),
					expertise: Array.from({ length: 11 }, (_, i) => `Tag ${i}`).join(','),
					emailVisibility: 'everyone' as never
				})
			)
		);
		expect(error.code).toBe('INVALID');
		expect(error.fields).toEqual({
			displayName: 'name_required',
			phone: 'phone_invalid',
			about: 'about_too_long',
			expertise: 'tags_too_many',
			emailVisibility: 'visibility_invalid'
		});
		expect((await getOwnProfile(t.ctx(oezlem))).displayName).toBe('Özlem Arslan');
	});

	it('lists only people who opted in, in German name order, to signed-in people only', async () => {
		const page = await listPeople(t.ctx(outsider), parseDirectoryFilter(new URLSearchParams()));
		expect(page.items.map((p) => p.displayName)).toEqual(['Özlem Arslan', 'Peter Zeller']);
		expect(page.total).toBe(2);
		const anonymous = await errorOf(
			listPeople(t.ctx(), parseDirectoryFilter(new URLSearchParams()))
		);
		expect(anonymous.code).toBe('UNAUTHENTICATED');
	});

	it('filters by expertise, topic, municipality and name', async () => {
		const ctx = t.ctx(outsider);
		const names = async (query: string) =>
			(await listPeople(ctx, parseDirectoryFilter(new URLSearchParams(query)))).items.map(
				(p) => p.displayName
			);
		expect(await names('expertise=e-akte')).toEqual(['Özlem Arslan', 'Peter Zeller']);
		expect(await names('expertise=Breitband')).toEqual(['Peter Zeller']);
		expect(await names('topic=Bauen+%26+Wohnen')).toEqual(['Özlem Arslan']);
		expect(await names('municipality=08317065')).toEqual(['Peter Zeller']);
		expect(await names('municipality=08317057')).toEqual(['Özlem Arslan']);
		expect(await names('q=ozlem')).toEqual(['Özlem Arslan']);
		expect(await names('q=zel&expertise=E-Akte')).toEqual(['Peter Zeller']);
		expect(await names('q=%25zel')).toEqual(['Peter Zeller']);
	});

	it('shows contact details by their visibility relative to the viewer', async () => {
		const fromOutside = await listPeople(
			t.ctx(outsider),
			parseDirectoryFilter(new URLSearchParams())
		);
		const o = fromOutside.items.find((p) => p.id === oezlem.personId);
		const b = fromOutside.items.find((p) => p.id === bernd.personId);
		expect(o).toMatchObject({ email: 'person1@kehl.example', phone: null });
		expect(b).toMatchObject({ email: null, phone: null });

		const colleague = await getPerson(t.ctx(hidden), oezlem.personId);
		expect(colleague).toMatchObject({
			phone: '+49 7851 123-45',
			about: 'Ich helfe bei Online-Diensten.'
		});

		const self = await getPerson(t.ctx(bernd), bernd.personId);
		expect(self).toMatchObject({ email: 'person2@kehl.example', phone: '07821 55', isSelf: true });
	});

	it('answers NOT_FOUND for people not listed, except to themselves', async () => {
		expect((await errorOf(getPerson(t.ctx(outsider), hidden.personId))).code).toBe('NOT_FOUND');
		expect((await errorOf(getPerson(t.ctx(outsider), 999_999))).code).toBe('NOT_FOUND');
		expect((await getPerson(t.ctx(hidden), hidden.personId)).isListed).toBe(false);
	});

	it('offers only filter values that find somebody', async () => {
		const facets = await listDirectoryFacets(t.ctx(outsider), { expertise: 'e akte' });
		expect(facets.expertise.filter((e) => e.isSelected).map((e) => e.label)).toEqual(['E-Akte']);
		expect(facets.expertise.map((e) => e.label)).toEqual(['Breitband', 'E-Akte', 'OZG-Umsetzung']);
		expect(facets.topics.map((e) => e.label)).toEqual(['Bauen & Wohnen', 'Familie & Kind']);
		expect(facets.municipalities).toEqual([
			{ ags: '08317057', name: 'Kehl' },
			{ ags: '08317065', name: 'Lahr' }
		]);
	});

	it('keeps notification settings with defaults for what was never set', async () => {
		expect(await getNotificationSettings(t.ctx(bernd))).toEqual({
			weeklyDigest: false,
			mailOnReply: true,
			mailOnReuseRequest: true
		});
		await updateNotificationSettings(t.ctx(bernd), {
			weeklyDigest: true,
			mailOnReply: false,
			mailOnReuseRequest: true
		});
		expect(await getNotificationSettings(t.ctx(bernd))).toEqual({
			weeklyDigest: true,
			mailOnReply: false,
			mailOnReuseRequest: true
		});
		expect(await getNotificationSettings(t.ctx(oezlem))).toMatchObject({ weeklyDigest: false });
	});
});

describe('data export', () => {
	it('holds the profile, memberships, sessions, events and mails, and no secrets', async () => {
		const anna = await person('Anna Export', ['08317096']);
		await updateProfile(
			t.ctx(anna),
			profile({ displayName: 'Anna Export', expertise: 'Open Data', isListed: false })
		);
		await t.db
			.insertInto('session')
			.values({
				id: 'b'.repeat(64),
				person_id: anna.personId,
				created_at: '2026-11-25T11:00:00.000Z',
				last_seen_at: '2026-11-25T11:00:00.000Z',
				expires_at: '2026-12-25T11:00:00.000Z',
				idle_expires_at: '2026-11-26T11:00:00.000Z',
				ip_address: '192.0.2.7',
				user_agent: 'Testbrowser'
			})
			.execute();
		const email = `person${people}@kehl.example`;
		await t.db
			.insertInto('mail_outbox')
			.values({
				to_address: email,
				subject: 'Willkommen',
				text_body: 'Geheimer Link https://x.example/t/abc',
				headers_json: json({}),
				message_id: '<m1@test.example>',
				status: 'sent',
				attempts: 1,
				next_attempt_at: '2026-11-25T11:00:00.000Z'
			})
			.execute();

		const result = await exportAccount(t.ctx(anna));
		expect(result.fileName).toBe('drehscheibe-konto-2026-11-25.json');
		expect(result.data).toMatchObject({
			format: 'drehscheibe-account-export',
			profile: { displayName: 'Anna Export', email, expertise: ['Open Data'] },
			memberships: [{ ags: '08317096', municipality: 'Offenburg', role: 'member' }],
			sessions: [{ ipAddress: '192.0.2.7', userAgent: 'Testbrowser' }],
			mails: [{ subject: 'Willkommen', status: 'sent' }],
			notificationSettings: { weeklyDigest: false },
			auditEvents: [{ action: 'account.exported', actor: 'Anna Export' }]
		});
		const text = JSON.stringify(result.data);
		expect(text).not.toContain('argon2');
		expect(text).not.toContain('b'.repeat(64));
		expect(text).not.toContain('Geheimer Link');
		expect(text).not.toMatch(/password/i);

		const events = await t.db
			.selectFrom('audit_event')
			.select(['action', 'subject_id'])
			.where('action', '=', 'account.exported')
			.execute();
		expect(events).toEqual([{ action: 'account.exported', subject_id: anna.personId }]);
		expect((await errorOf(exportAccount(t.ctx()))).code).toBe('UNAUTHENTICATED');
	});
});

describe('account deletion', () => {
	it('needs the right password and the confirmation, and changes nothing otherwise', async () => {
		const paul = await person('Paul Prüfer', ['08317057']);
		const wrong = await errorOf(deleteAccount(t.ctx(paul), { password: 'falsch', confirm: true }));
		expect(wrong.fields).toEqual({ password: 'password_wrong' });
		const unconfirmed = await errorOf(
			deleteAccount(t.ctx(paul), { password: PASSWORD, confirm: false as never })
		);
		expect(unconfirmed.fields).toEqual({ confirm: 'deletion_confirm_required' });
		const row = await t.db
			.selectFrom('person')
			.select(['display_name', 'deleted_at'])
			.where('id', '=', paul.personId)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ display_name: 'Paul Prüfer', deleted_at: null });
	});

	it('anonymises the person, removes personal rows and records the event', async () => {
		const clara = await person('Clara Löschen', ['08317057']);
		await updateProfile(
			t.ctx(clara),
			profile({ displayName: 'Clara Löschen', phone: '0781 1', expertise: 'GIS', topics: 'Umwelt' })
		);
		await updateNotificationSettings(t.ctx(clara), {
			weeklyDigest: true,
			mailOnReply: true,
			mailOnReuseRequest: true
		});
		const email = (await getOwnProfile(t.ctx(clara))).email;
		await t.db
			.insertInto('session')
			.values({
				id: 'c'.repeat(64),
				person_id: clara.personId,
				created_at: '2026-11-25T11:00:00.000Z',
				last_seen_at: '2026-11-25T11:00:00.000Z',
				expires_at: '2026-12-25T11:00:00.000Z',
				idle_expires_at: '2026-11-26T11:00:00.000Z',
				ip_address: null,
				user_agent: null
			})
			.execute();
		await t.db
			.insertInto('backup_code')
			.values({ person_id: clara.personId, code_hash: 'x'.repeat(64) })
			.execute();
		await t.db
			.insertInto('mail_outbox')
			.values({
				to_address: email,
				subject: 'Wartet noch',
				text_body: 'Text',
				headers_json: json({}),
				message_id: '<m2@test.example>',
				status: 'pending',
				attempts: 0,
				next_attempt_at: '2026-11-25T11:00:00.000Z'
			})
			.execute();

		await deleteAccount(t.ctx(clara), { password: PASSWORD, confirm: true });

		const row = await t.db
			.selectFrom('person')
			.selectAll()
			.where('id', '=', clara.personId)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			display_name: FORMER_MEMBER_NAME,
			email: `geloescht-${clara.personId}@invalid`,
			password_hash: null,
			phone: null,
			job_title: null,
			is_listed: false,
			deleted_at: '2026-11-25T12:00:00.000Z'
		});
		expect(row.notification_settings_json).toEqual({});
		for (const table of [
			'person_expertise',
			'person_topic',
			'person_municipality',
			'session',
			'backup_code'
		] as const) {
			const rows = await t.db
				.selectFrom(table)
				.select('person_id')
				.where('person_id', '=', clara.personId)
				.execute();
			expect(rows, table).toEqual([]);
		}
		const mails = await t.db
			.selectFrom('mail_outbox')
			.select('id')
			.where('to_address', '=', email)
			.execute();
		expect(mails).toEqual([]);
		const event = await t.db
			.selectFrom('audit_event')
			.select(['actor_person_id', 'subject_id'])
			.where('action', '=', 'account.deleted')
			.executeTakeFirstOrThrow();
		expect(event).toEqual({ actor_person_id: clara.personId, subject_id: clara.personId });

		// The stale actor can do nothing with the account any more.
		expect((await errorOf(getOwnProfile(t.ctx(clara)))).code).toBe('NOT_FOUND');
		expect(
			(await errorOf(deleteAccount(t.ctx(clara), { password: PASSWORD, confirm: true }))).code
		).toBe('NOT_FOUND');
	});

	it('refuses to delete the last coordinator, but not one of two', async () => {
		// Coordinators of earlier tests in this file: none.
		const first = await person('Erste Koordination', [], { isCoordinator: true });
		const refused = await errorOf(
			deleteAccount(t.ctx(first), { password: PASSWORD, confirm: true })
		);
		expect(refused.code).toBe('CONFLICT');
		expect(refused.fields).toEqual({ form: 'last_coordinator' });

		await person('Zweite Koordination', [], { isCoordinator: true });
		await deleteAccount(t.ctx(first), { password: PASSWORD, confirm: true });
		const row = await t.db
			.selectFrom('person')
			.select(['is_coordinator', 'deleted_at'])
			.where('id', '=', first.personId)
			.executeTakeFirstOrThrow();
		expect(row.is_coordinator).toBe(false);
		expect(row.deleted_at).not.toBeNull();
	});
});

describe('the catalogue in the export and the deletion', () => {
	it('exports what the person created and where they are the contact; deletion ends the contact roles', async () => {
		const lena = await person('Lena Katalog', ['08317057']);
		const now = '2026-11-25T10:00:00.000Z';
		const project = await t.db
			.insertInto('project')
			.values({
				title: 'Online-Terminvergabe',
				title_sort: germanSortKey('Online-Terminvergabe'),
				municipality_id: municipalityIds['08317057']!,
				status: 'betrieb',
				visibility: 'network',
				created_by_person_id: lena.personId,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db
			.insertInto('project_contact')
			.values({ project_id: project.id, person_id: lena.personId })
			.execute();
		const product = await t.db
			.insertInto('product')
			.values({ name: 'TEVIS', name_sort: 'tevis', category: 'termin', updated_at: now })
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db
			.insertInto('adoption')
			.values({
				product_id: product.id,
				municipality_id: municipalityIds['08317057']!,
				stage: 'live',
				contact_person_id: lena.personId,
				updated_at: now
			})
			.execute();

		const result = await exportAccount(t.ctx(lena));
		expect(result.data).toMatchObject({
			catalogue: {
				projectsCreated: [{ id: project.id, title: 'Online-Terminvergabe' }],
				projectContactOf: [{ id: project.id, title: 'Online-Terminvergabe' }],
				productContactOf: [{ product: 'TEVIS', ags: '08317057', stage: 'live' }]
			}
		});

		await deleteAccount(t.ctx(lena), { password: PASSWORD, confirm: true });
		const contacts = await t.db
			.selectFrom('project_contact')
			.select('person_id')
			.where('person_id', '=', lena.personId)
			.execute();
		expect(contacts).toEqual([]);
		const adoption = await t.db
			.selectFrom('adoption')
			.select('contact_person_id')
			.where('product_id', '=', product.id)
			.executeTakeFirstOrThrow();
		expect(adoption.contact_person_id).toBeNull();
		// The project stays, with its author shown as a former member.
		const kept = await t.db
			.selectFrom('project')
			.select('created_by_person_id')
			.where('id', '=', project.id)
			.executeTakeFirstOrThrow();
		expect(kept.created_by_person_id).toBe(lena.personId);
	});
});
