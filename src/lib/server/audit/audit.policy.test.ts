import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../context';
import { canPurgeAuditLog, canReadAuditLog } from './audit.policy';

const coordinator = { kind: 'person', isCoordinator: true } as const;
const member = { kind: 'person', isCoordinator: false } as const;
const system = { kind: 'system', reason: 'cli' } as const;

describe('canReadAuditLog', () => {
	it('lets the coordination and the system read', () => {
		expect(canReadAuditLog(coordinator)).toBe(true);
		expect(canReadAuditLog(system)).toBe(true);
	});

	it('keeps everyone else out', () => {
		expect(canReadAuditLog(ANONYMOUS)).toBe(false);
		expect(canReadAuditLog(member)).toBe(false);
	});
});

describe('canPurgeAuditLog', () => {
	it('is for the retention job only, not even the coordination', () => {
		expect(canPurgeAuditLog(system)).toBe(true);
		expect(canPurgeAuditLog(coordinator)).toBe(false);
		expect(canPurgeAuditLog(ANONYMOUS)).toBe(false);
	});
});
