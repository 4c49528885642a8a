import { describe, expect, it } from 'vitest';
import {
	BACKUP_CODE_COUNT,
	backupCodeHash,
	newBackupCodes,
	normaliseBackupCode
} from './backup-code';

describe('backup codes', () => {
	it('makes ten different codes of 10 unambiguous characters', () => {
		const codes = newBackupCodes();
		expect(codes).toHaveLength(BACKUP_CODE_COUNT);
		expect(new Set(codes).size).toBe(BACKUP_CODE_COUNT);
		for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
	});

	it('reads codes as typed: any case, spaces, dashes, O for 0 and I or L for 1', () => {
		expect(normaliseBackupCode('ab3d5-fg7h9')).toBe('AB3D5FG7H9');
		expect(normaliseBackupCode(' AB3D5 FG7H9 ')).toBe('AB3D5FG7H9');
		expect(normaliseBackupCode('oooooIIIll')).toBe('0000011111');
		expect(normaliseBackupCode('AB3D5FG7H')).toBeNull();
		expect(normaliseBackupCode('AB3D5FG7H9X')).toBeNull();
		expect(normaliseBackupCode('AB3D5-FG7U9')).toBeNull();
		expect(normaliseBackupCode('123456')).toBeNull();
	});

	it('stores a keyed hash, the same for every spelling of a code', () => {
		const hash = backupCodeHash('AB3D5FG7H9');
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
		expect(hash).not.toContain('AB3D5FG7H9');
		expect(backupCodeHash(normaliseBackupCode('ab3d5-fg7h9') ?? '')).toBe(hash);
		expect(backupCodeHash('AB3D5FG7H8')).not.toBe(hash);
	});
});
