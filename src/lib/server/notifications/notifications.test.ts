import { describe, expect, it } from 'vitest';
import { digestPeriodStart } from './digest';
import { mayLearnOf, type Candidate, type ProjectFacts } from './fanout';
import { digestMail, eventMail } from './notification.mail';
import { isMailMode, personOfUnsubscribeToken, unsubscribeToken } from './preferences';

describe('digestPeriodStart', () => {
	it('is 07:00 Berlin time, winter and summer, the day before until then', () => {
		// CET (UTC+1): 07:00 is 06:00 UTC.
		expect(digestPeriodStart('daily', new Date('2026-12-02T06:00:00.000Z'))).toEqual({
			start: new Date('2026-12-02T06:00:00.000Z'),
			key: 'daily:2026-12-02'
		});
		expect(digestPeriodStart('daily', new Date('2026-12-02T05:59:59.000Z'))).toEqual({
			start: new Date('2026-12-01T06:00:00.000Z'),
			key: 'daily:2026-12-01'
		});
		// CEST (UTC+2): 07:00 is 05:00 UTC.
		expect(digestPeriodStart('daily', new Date('2026-07-15T05:30:00.000Z'))).toEqual({
			start: new Date('2026-07-15T05:00:00.000Z'),
			key: 'daily:2026-07-15'
		});
		// Just after midnight in Berlin, still before 07:00 of the new day.
		expect(digestPeriodStart('daily', new Date('2026-12-31T23:30:00.000Z')).key).toBe(
			'daily:2026-12-31'
		);
	});

	it('is Monday 07:00 for the weekly digest, also across the change to summer time', () => {
		// 2026-12-07 is a Monday.
		expect(digestPeriodStart('weekly', new Date('2026-12-09T12:00:00.000Z'))).toEqual({
			start: new Date('2026-12-07T06:00:00.000Z'),
			key: 'weekly:2026-12-07'
		});
		expect(digestPeriodStart('weekly', new Date('2026-12-07T05:59:00.000Z')).key).toBe(
			'weekly:2026-11-30'
		);
		// Summer time starts on Sunday 2026-03-29; Monday 30th 07:00 CEST is 05:00 UTC.
		expect(digestPeriodStart('weekly', new Date('2026-03-30T05:00:00.000Z'))).toEqual({
			start: new Date('2026-03-30T05:00:00.000Z'),
			key: 'weekly:2026-03-30'
		});
	});
});

describe('mayLearnOf', () => {
	// A signed-in person of a municipality outside the network, one of the owner, the coordination.
	const guest: Candidate = { personId: 1, isCoordinator: false, municipalityIds: [9] };
	const member: Candidate = { ...guest, personId: 2, municipalityIds: [4] };
	const coordination: Candidate = {
		...guest,
		personId: 3,
		isCoordinator: true,
		municipalityIds: []
	};
	const project = (visibility: ProjectFacts['visibility'], deleted = false): ProjectFacts => ({
		municipalityId: 4,
		partnerMunicipalityIds: [5],
		visibility,
		partnersCanEdit: false,
		deletedAt: deleted ? '2026-12-01T00:00:00.000Z' : null
	});
	const learns = (c: Candidate, audience: string, projects: ProjectFacts[] = [], named = false) =>
		mayLearnOf(c, { audience, isNamedRecipient: named, projects });

	it('applies the audience', () => {
		expect([guest, member, coordination].map((c) => learns(c, 'public'))).toEqual([
			true,
			true,
			true
		]);
		// Members' content is for signed-in people, as the pages show it (project.policy.ts).
		expect([guest, member, coordination].map((c) => learns(c, 'members'))).toEqual([
			true,
			true,
			true
		]);
		expect(learns(member, 'recipients')).toBe(false);
		expect(learns(guest, 'recipients', [], true)).toBe(true);
		expect(learns(member, 'everyone')).toBe(false);
	});

	it("follows what the projects show now, by the catalogue's one visibility rule", () => {
		expect(learns(guest, 'public', [project('network')])).toBe(true);
		expect(learns(guest, 'public', [project('draft')])).toBe(false);
		expect(learns(member, 'public', [project('network')])).toBe(true);
		expect(learns(member, 'public', [project('draft')])).toBe(true);
		expect(learns({ ...member, municipalityIds: [7] }, 'public', [project('draft')])).toBe(false);
		expect(learns({ ...member, municipalityIds: [5] }, 'public', [project('draft')])).toBe(true);
		expect(learns(coordination, 'public', [project('draft')])).toBe(true);
		expect(learns(coordination, 'public', [project('public', true)])).toBe(false);
	});
});

describe('unsubscribe tokens', () => {
	it('names the person and cannot be forged or altered', () => {
		const token = unsubscribeToken(42);
		expect(personOfUnsubscribeToken(token)).toBe(42);
		expect(unsubscribeToken(42)).toBe(token);
		expect(personOfUnsubscribeToken(token.replace(/^42\./, '43.'))).toBeNull();
		expect(
			personOfUnsubscribeToken(`${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`)
		).toBeNull();
		for (const bad of [undefined, 42, '', '42', '42.', 'x'.repeat(200)]) {
			expect(personOfUnsubscribeToken(bad)).toBeNull();
		}
	});

	it('knows the mail choices', () => {
		expect(['event', 'daily', 'weekly', 'none'].every(isMailMode)).toBe(true);
		expect(isMailMode('hourly')).toBe(false);
	});
});

describe('notification mails', () => {
	const links = { origin: 'https://netz.example/', unsubscribeToken: '7.abc' };

	it('has a German subject, a plain-text part with the link, HTML with escaped text and one-click headers', () => {
		const mail = eventMail({
			to: 'a@example.org',
			networkName: 'Netz',
			item: {
				title: 'Neu: <b>E-Akte</b> & mehr',
				url: '/projekte/3',
				occurredAt: '2026-12-01T09:00:00.000Z'
			},
			links
		});
		expect(mail.subject).toBe('Neu: <b>E-Akte</b> & mehr');
		expect(mail.text).toContain('https://netz.example/projekte/3');
		expect(mail.text).toContain('01.12.2026, 10:00 Uhr');
		expect(mail.html).toContain('Neu: &lt;b&gt;E-Akte&lt;/b&gt; &amp; mehr');
		expect(mail.html).not.toContain('<b>E-Akte');
		expect(mail.headers).toEqual({
			'List-Unsubscribe': '<https://netz.example/benachrichtigungen/abbestellen?token=7.abc>',
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
		});
	});

	it('lists every item of a digest once', () => {
		const mail = digestMail({
			to: 'a@example.org',
			networkName: 'Netz',
			period: 'weekly',
			items: [
				{ title: 'Erster Punkt', url: '/a', occurredAt: '2026-12-01T09:00:00.000Z' },
				{ title: 'Zwei', url: '/b', occurredAt: '2026-12-02T09:00:00.000Z' }
			],
			links
		});
		expect(mail.subject).toBe('Wochenübersicht: 2 neue Benachrichtigungen – Netz');
		expect(mail.text.match(/Erster Punkt/g)).toHaveLength(1);
		expect(mail.text).toContain('https://netz.example/b');
		expect(mail.text).toContain('https://netz.example/benachrichtigungen');
	});
});
