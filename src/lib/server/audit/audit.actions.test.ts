import { describe, expect, it } from 'vitest';
import {
	AUDIT_ACTION_CODES,
	AUDIT_ACTIONS,
	auditActionLabel,
	isAuditAction
} from './audit.actions';

describe('AUDIT_ACTIONS', () => {
	it('has dotted lower-case codes and a German label for each', () => {
		for (const code of AUDIT_ACTION_CODES) {
			expect(code).toMatch(/^[a-z_]+(\.[a-z_]+){1,2}$/);
			expect(AUDIT_ACTIONS[code].length).toBeGreaterThan(3);
		}
	});

	it('covers what the log must record', () => {
		for (const code of [
			'auth.sign_in.succeeded',
			'auth.sign_in.failed',
			'role.changed',
			'membership.changed',
			'invitation.sent',
			'account.exported',
			'account.deleted'
		]) {
			expect(isAuditAction(code)).toBe(true);
		}
	});

	it('labels unknown codes with the code itself', () => {
		expect(auditActionLabel('auth.sign_in.failed')).toBe('Anmeldung fehlgeschlagen');
		expect(auditActionLabel('future.thing')).toBe('future.thing');
		expect(isAuditAction('toString')).toBe(false);
	});
});
