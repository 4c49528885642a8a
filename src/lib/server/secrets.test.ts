import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyedHash, loadOrCreateKeyFile, openSecret, sealSecret } from './secrets';

describe('keyedHash', () => {
	it('is stable per purpose and differs between purposes', () => {
		expect(keyedHash('a', 'x')).toBe(keyedHash('a', 'x'));
		expect(keyedHash('a', 'x')).toMatch(/^[0-9a-f]{64}$/);
		expect(keyedHash('b', 'x')).not.toBe(keyedHash('a', 'x'));
		expect(keyedHash('a', 'y')).not.toBe(keyedHash('a', 'x'));
	});
});

describe('sealSecret and openSecret', () => {
	it('give back what was sealed, and each seal looks different', () => {
		const one = sealSecret('totp', 'JBSWY3DPEHPK3PXP');
		const two = sealSecret('totp', 'JBSWY3DPEHPK3PXP');
		expect(one).not.toBe(two);
		expect(one).not.toContain('JBSWY3DPEHPK3PXP');
		expect(openSecret('totp', one)).toBe('JBSWY3DPEHPK3PXP');
	});

	it('refuse altered values and values sealed for another purpose', () => {
		const sealed = sealSecret('totp', 'geheim');
		const parts = sealed.split('.');
		const body = Buffer.from(parts[3]!, 'base64url');
		body[0] = body[0]! ^ 1;
		parts[3] = body.toString('base64url');
		expect(openSecret('totp', parts.join('.'))).toBeNull();
		expect(openSecret('other', sealed)).toBeNull();
		expect(openSecret('totp', 'nonsense')).toBeNull();
	});
});

describe('loadOrCreateKeyFile', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'secret-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('creates a private key file once and reads the same key afterwards', () => {
		const first = loadOrCreateKeyFile(path.join(dir, 'data'));
		expect(first.length).toBeGreaterThanOrEqual(32);
		expect(loadOrCreateKeyFile(path.join(dir, 'data'))).toBe(first);
		const file = path.join(dir, 'data', 'secret.key');
		expect(readFileSync(file, 'utf8').trim()).toBe(first);
		expect(statSync(file).mode & 0o077).toBe(0);
	});
});
