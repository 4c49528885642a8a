import { describe, expect, it } from 'vitest';
import {
	groupSecret,
	newTotpSecret,
	normaliseTotpCode,
	totpCodeAt,
	totpStepAt,
	totpUri,
	verifyTotp
} from './totp';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const NOW = new Date('2026-11-26T10:00:10Z');
const seconds = (s: number) => new Date(NOW.getTime() + s * 1000);

describe('TOTP', () => {
	it('makes 160-bit base-32 keys, each new', () => {
		const a = newTotpSecret();
		expect(a).toMatch(/^[A-Z2-7]{32}$/);
		expect(newTotpSecret()).not.toBe(a);
	});

	it('accepts the current code and one step either side, nothing further', () => {
		const step = totpStepAt(NOW);
		expect(verifyTotp(SECRET, totpCodeAt(SECRET, NOW), NOW, null)).toBe(step);
		expect(verifyTotp(SECRET, totpCodeAt(SECRET, seconds(-30)), NOW, null)).toBe(step - 1);
		expect(verifyTotp(SECRET, totpCodeAt(SECRET, seconds(30)), NOW, null)).toBe(step + 1);
		expect(verifyTotp(SECRET, totpCodeAt(SECRET, seconds(-90)), NOW, null)).toBeNull();
		expect(verifyTotp(SECRET, totpCodeAt(SECRET, seconds(90)), NOW, null)).toBeNull();
	});

	it('refuses a code of a step already used, or of an earlier one (replay)', () => {
		const step = totpStepAt(NOW);
		const code = totpCodeAt(SECRET, NOW);
		expect(verifyTotp(SECRET, code, NOW, step)).toBeNull();
		expect(verifyTotp(SECRET, code, NOW, step + 1)).toBeNull();
		expect(verifyTotp(SECRET, code, NOW, step - 1)).toBe(step);
		expect(verifyTotp(SECRET, totpCodeAt(SECRET, seconds(-30)), NOW, step - 1)).toBeNull();
	});

	it('refuses malformed and other keys’ codes, and ignores spaces', () => {
		const code = totpCodeAt(SECRET, NOW);
		expect(verifyTotp(SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, NOW, null)).not.toBeNull();
		expect(verifyTotp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', code, NOW, null)).toBeNull();
		expect(verifyTotp(SECRET, '', NOW, null)).toBeNull();
		expect(verifyTotp(SECRET, '12345', NOW, null)).toBeNull();
		expect(verifyTotp(SECRET, 'abcdef', NOW, null)).toBeNull();
		expect(normaliseTotpCode(' 123 456 ')).toBe('123456');
		expect(normaliseTotpCode('1234567')).toBeNull();
	});

	it('writes the otpauth address apps understand, and groups the key for typing', () => {
		const uri = totpUri(SECRET, 'Ortenau', 'anna@lahr.example');
		expect(uri).toMatch(/^otpauth:\/\/totp\/Ortenau:anna%40lahr\.example\?/);
		expect(uri).toContain(`secret=${SECRET}`);
		expect(uri).toContain('issuer=Ortenau');
		expect(uri).toContain('digits=6');
		expect(uri).toContain('period=30');
		expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
	});
});
