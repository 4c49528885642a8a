import { describe, expect, it } from 'vitest';
import { ApplicationSchema, RejectApplicationSchema } from './application.schema';
import { AcceptWithNewAccountSchema, InviteSchema } from './invitation.schema';
import { ChangeRoleSchema } from './membership.schema';
import { invitationMail, joinNames } from './membership.mail';
import {
	invitationTokenHash,
	isWellFormedInvitationToken,
	newInvitationToken
} from './invitation.token';
import { networkDate } from './membership.shared';

describe('membership schemas', () => {
	it('normalises the address and drops fields nobody asked for', () => {
		const parsed = InviteSchema.parse({
			email: '  Lotsin@Gengenbach.Example ',
			role: 'member',
			ags: ['08317034', '08317034'],
			is_coordinator: 'true',
			isCoordinator: true
		});
		expect(parsed).toEqual({
			email: 'lotsin@gengenbach.example',
			displayName: null,
			role: 'member',
			ags: ['08317034'],
			includeAssociation: false
		});
	});

	it('refuses unknown roles and malformed municipality keys', () => {
		const result = InviteSchema.safeParse({
			email: 'a@b.example',
			role: 'coordinator',
			ags: ['1']
		});
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((issue) => issue.message).sort()).toEqual([
			'ags_required',
			'role_invalid'
		]);
		expect(ChangeRoleSchema.safeParse({ personId: '3', role: 'owner' }).success).toBe(false);
		expect(ChangeRoleSchema.parse({ personId: '3', role: 'admin' })).toEqual({
			personId: 3,
			role: 'admin'
		});
	});

	it('asks for the same password twice', () => {
		const result = AcceptWithNewAccountSchema.safeParse({
			displayName: 'Lena Lotsin',
			password: 'Schwarzwald-Kirsche-88',
			passwordRepeat: 'Schwarzwald-Kirsche-89'
		});
		expect(result.error?.issues[0]).toMatchObject({
			path: ['passwordRepeat'],
			message: 'password_mismatch'
		});
	});

	it('reads the association checkbox and needs a reason to decline', () => {
		const base = { ags: '08317034', contactName: 'A', email: 'a@b.example' };
		expect(ApplicationSchema.parse({ ...base, forAssociation: 'on' }).forAssociation).toBe(true);
		expect(ApplicationSchema.parse(base).forAssociation).toBe(false);
		expect(RejectApplicationSchema.safeParse({ applicationId: 1, reason: '  ' }).success).toBe(
			false
		);
	});
});

describe('invitation tokens and mails', () => {
	it('makes 43-character tokens and stores only their SHA-256', () => {
		const token = newInvitationToken();
		expect(isWellFormedInvitationToken(token)).toBe(true);
		expect(isWellFormedInvitationToken(`${token}x`)).toBe(false);
		expect(isWellFormedInvitationToken(42)).toBe(false);
		expect(invitationTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
		expect(invitationTokenHash(token)).not.toContain(token);
	});

	it('writes a German plain-text invitation with the absolute link and the expiry', () => {
		const mail = invitationMail({
			to: 'a@b.example',
			networkName: 'Netzwerk Ortenau',
			inviterName: 'Petra Koordination',
			municipalityNames: ['Gengenbach', 'Ohlsbach'],
			role: 'admin',
			link: 'https://netz.example/einladung/abc',
			expiresAt: new Date('2026-12-02T12:00:00Z')
		});
		expect(mail.subject).toBe('Einladung in das Netzwerk Ortenau');
		expect(mail.text).toContain('Petra Koordination lädt Sie');
		expect(mail.text).toContain('Kommune: Gengenbach und Ohlsbach');
		expect(mail.text).toContain('https://netz.example/einladung/abc');
		expect(mail.text).toContain('2. Dezember 2026 um 13:00 Uhr');
		expect(joinNames(['A', 'B', 'C'])).toBe('A, B und C');
	});

	it('dates memberships in German time', () => {
		expect(networkDate(new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-26');
		expect(networkDate(new Date('2026-11-25T12:00:00Z'))).toBe('2026-11-25');
	});
});
