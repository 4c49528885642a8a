/**
 * The application as an attacker sees it, over plain HTTP against the running server: session
 * fixation, cross-site requests (also disguised as text/plain), ids changed in forms to reach
 * another municipality, and fields the form never had. Each attack must fail and change nothing.
 * (Password guessing: sign-in.test.ts; address enumeration: auth/enumeration.db.test.ts; links
 * used twice or late: account-security and joining tests; CSRF on the JSON API: api.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { testServer } from './support/test-server';
import { createTestPerson, withServerDatabase, type TestPerson } from './support/people';

const LAHR = '08317065';
const KEHL = '08317057';
const PASSWORD = 'Schwarzwald-Kirsche-Nebel-8';
const EVIL = 'https://boese.example';

const base = () => testServer().baseUrl;
const suffix = Date.now().toString(36);

let lahrMember: TestPerson;
let lahrAdmin: TestPerson;
let kehlAdmin: TestPerson;
let victim: TestPerson;

beforeAll(async () => {
	lahrMember = await createTestPerson({
		email: `angriff-mitglied-${suffix}@lahr.example`,
		displayName: 'Lena Lahr',
		memberships: [{ ags: LAHR, role: 'member' }]
	});
	lahrAdmin = await createTestPerson({
		email: `angriff-admin-${suffix}@lahr.example`,
		displayName: 'Ludwig Lahr',
		memberships: [{ ags: LAHR, role: 'admin' }]
	});
	kehlAdmin = await createTestPerson({
		email: `angriff-admin-${suffix}@kehl.example`,
		displayName: 'Karla Kehl',
		memberships: [{ ags: KEHL, role: 'admin' }]
	});
	victim = await createTestPerson({
		email: `opfer-${suffix}@lahr.example`,
		displayName: 'Olga Opfer',
		memberships: [{ ags: LAHR, role: 'member' }],
		password: PASSWORD,
		hasTwoFactor: false
	});
});

/** A POST as a browser would send it from `origin`. */
function post(
	path: string,
	body: string,
	{
		cookie,
		origin = base(),
		type = 'application/x-www-form-urlencoded'
	}: { cookie?: string; origin?: string; type?: string } = {}
) {
	return fetch(base() + path, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			accept: 'text/html',
			'content-type': type,
			origin,
			...(cookie ? { cookie } : {})
		},
		body
	});
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** Whether a session cookie still signs someone in. */
async function isSignedIn(cookie: string): Promise<boolean> {
	const response = await fetch(`${base()}/konto`, { headers: { cookie }, redirect: 'manual' });
	await response.arrayBuffer();
	return response.status === 200;
}

async function personRow(personId: number) {
	return withServerDatabase((db) =>
		db
			.selectFrom('person')
			.select(['display_name', 'is_coordinator', 'deleted_at'])
			.where('id', '=', personId)
			.executeTakeFirstOrThrow()
	);
}

describe('session fixation', () => {
	it('a session planted in the browser is ended at sign-in, and the person gets a new one', async () => {
		// The attacker's own valid session, planted into the victim's browser.
		const attacker = await createTestPerson({
			email: `angreifer-${suffix}@lahr.example`,
			displayName: 'Anton Angreifer',
			memberships: [{ ags: LAHR, role: 'member' }]
		});
		const planted = attacker.token;
		const response = await post(
			'/anmelden',
			form({ email: victim.email, password: PASSWORD, weiter: '/' }),
			{ cookie: `sitzung=${planted}` }
		);
		expect(response.status).toBe(303);
		const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('sitzung='));
		const issued = setCookie?.split(';')[0]?.slice('sitzung='.length);
		expect(issued).toBeTruthy();
		expect(issued).not.toBe(planted);
		expect(await isSignedIn(`sitzung=${issued}`)).toBe(true);
		// The planted session is gone: the attacker shares nothing with the victim.
		expect(await isSignedIn(`sitzung=${planted}`)).toBe(false);
	});
});

describe('cross-site requests', () => {
	it('refuses a profile change from another site, as a form and disguised as text/plain', async () => {
		const before = await personRow(lahrAdmin.personId);
		for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data']) {
			const response = await post('/konto', form({ displayName: 'Gekapert' }), {
				cookie: lahrAdmin.cookie,
				origin: EVIL,
				type
			});
			expect(response.status).toBe(403);
		}
		expect(await personRow(lahrAdmin.personId)).toEqual(before);
	});

	it('refuses signing someone out and deleting an account from another site', async () => {
		const signOut = await post('/abmelden', '', { cookie: lahrAdmin.cookie, origin: EVIL });
		expect(signOut.status).toBe(403);
		expect(await isSignedIn(lahrAdmin.cookie)).toBe(true);

		const deletion = await post('/konto/daten', form({ password: PASSWORD, confirm: 'on' }), {
			cookie: victim.cookie,
			origin: EVIL,
			type: 'text/plain'
		});
		expect(deletion.status).toBe(403);
		expect((await personRow(victim.personId)).deleted_at).toBeNull();
	});
});

describe("another municipality's data", () => {
	it("a Lahr admin cannot invite into Kehl by changing the address's AGS", async () => {
		const email = `eingeschleust-${suffix}@kehl.example`;
		const response = await post(
			`/verwaltung/kommunen/${KEHL}?/invite`,
			form({ email, displayName: 'Eingeschleust', role: 'admin' }),
			{ cookie: lahrAdmin.cookie }
		);
		expect([403, 404]).toContain(response.status);
		const invitations = await withServerDatabase((db) =>
			db.selectFrom('invitation').select('id').where('email', '=', email).execute()
		);
		expect(invitations).toEqual([]);
	});

	it("a Lahr admin cannot change or remove Kehl's admin by putting her id into Lahr's form", async () => {
		for (const [action, fields] of [
			['role', { personId: String(kehlAdmin.personId), role: 'member' }],
			['remove', { personId: String(kehlAdmin.personId) }]
		] as const) {
			const response = await post(`/verwaltung/kommunen/${LAHR}?/${action}`, form(fields), {
				cookie: lahrAdmin.cookie
			});
			expect([403, 404]).toContain(response.status);
		}
		const memberships = await withServerDatabase((db) =>
			db
				.selectFrom('person_municipality')
				.select('role')
				.where('person_id', '=', kehlAdmin.personId)
				.execute()
		);
		expect(memberships).toEqual([{ role: 'admin' }]);
	});

	it("a Lahr member cannot open Kehl's administration or an unlisted Kehl profile", async () => {
		const page = await fetch(`${base()}/verwaltung/kommunen/${KEHL}`, {
			headers: { cookie: lahrMember.cookie },
			redirect: 'manual'
		});
		expect([403, 404]).toContain(page.status);
		const profile = await fetch(`${base()}/personen/${kehlAdmin.personId}`, {
			headers: { cookie: lahrMember.cookie },
			redirect: 'manual'
		});
		// Karla is not listed in the directory: her profile does not exist for others.
		expect(profile.status).toBe(404);
	});
});

describe('fields the form never had', () => {
	it('a hidden is_coordinator or role field in the profile form changes nothing', async () => {
		const response = await post(
			'/konto',
			form({
				displayName: 'Lena Lahr',
				emailVisibility: 'hidden',
				phoneVisibility: 'hidden',
				is_coordinator: 'true',
				isCoordinator: 'on',
				role: 'admin'
			}),
			{ cookie: lahrMember.cookie }
		);
		expect(response.status).toBeLessThan(500);
		expect((await personRow(lahrMember.personId)).is_coordinator).toBe(false);
		const memberships = await withServerDatabase((db) =>
			db
				.selectFrom('person_municipality')
				.select('role')
				.where('person_id', '=', lahrMember.personId)
				.execute()
		);
		expect(memberships).toEqual([{ role: 'member' }]);
	});
});
