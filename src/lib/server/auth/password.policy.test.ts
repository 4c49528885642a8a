import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commonPasswords } from './common-passwords';
import { checkPassword, foldPasswordWord, parseCommonPasswords } from './password.policy';

const common = commonPasswords();
const context = {
	email: 'anna.albrecht@ortenau-it.example',
	displayName: 'Anna Albrecht',
	networkWords: ['Gengenbach', 'Zell am Harmersbach', 'Lahr/Schwarzwald', 'Müllheim'],
	commonPasswords: common
};

describe('checkPassword', () => {
	it('accepts long passwords of any kind, with no composition rules', () => {
		for (const password of [
			'rhein ufer laterne',
			'correcthorsebatterystaple',
			'Rhein-Ufer-Laterne-47',
			'ÄÖÜ äöü ß 漢字 emoji 🚲!',
			'x'.repeat(5) + 'y'.repeat(5) + 'z'.repeat(5),
			'abc1'.repeat(64)
		]) {
			expect(checkPassword(password, context), password).toBeNull();
		}
	});

	it('counts characters, not bytes, from 12 to 256', () => {
		expect(checkPassword('', context)).toBe('password_required');
		expect(checkPassword('kurzes-pw11', context)).toBe('password_too_short');
		expect(checkPassword('kurzes-pw112', context)).toBeNull();
		// Eleven bicycles are 22 UTF-16 units but 11 characters.
		expect(checkPassword('🚲'.repeat(11), context)).toBe('password_too_short');
		expect(checkPassword('abcd'.repeat(64), context)).toBeNull();
		expect(checkPassword('abcd'.repeat(64) + 'e', context)).toBe('password_too_long');
	});

	it('refuses common passwords, also as the main part and in other spellings', () => {
		for (const password of [
			'passwort123456',
			'hallo1234567',
			'123456789012',
			'PASSWORT123456',
			'Passwort!2026!',
			'Sonnenschein2024',
			'Fußball-123456',
			'Fussball!12345',
			'aaaaaaaaaaaaaa',
			'121212121212121'
		]) {
			expect(checkPassword(password, context), password).toBe('password_too_common');
		}
	});

	it('refuses the person’s own address and name', () => {
		for (const password of [
			'anna.albrecht@ortenau-it.example',
			'Ortenau-123456',
			'Anna Albrecht 2026',
			'albrecht-12345678',
			'Anna!123456789'
		]) {
			expect(checkPassword(password, context), password).toBe('password_contains_personal');
		}
	});

	it('refuses the network’s municipality names as the password or its main part', () => {
		for (const password of [
			'Gengenbach2026!',
			'zell am harmersbach',
			'Harmersbach-2026',
			'Schwarzwald#123456',
			'Muellheim-123456',
			'Müllheim-1234567'
		]) {
			expect(checkPassword(password, context), password).toBe('password_contains_network_word');
		}
		// A municipality's name inside a longer phrase is fine.
		expect(checkPassword('Gengenbacher Fasend ist schön', context)).toBeNull();
	});
});

describe('the common-password list', () => {
	it('ships about 200 entries, lower case, without duplicates', () => {
		const lines = readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
			.split('\n')
			.map((line) => line.trim())
			.filter((line) => line && !line.startsWith('#'));
		expect(lines.length).toBeGreaterThanOrEqual(200);
		expect(new Set(lines).size).toBe(lines.length);
		for (const line of lines) expect(line).toBe(line.toLowerCase());
		expect(common.has('passwort123456')).toBe(true);
		expect(common.has('passwort')).toBe(true);
	});

	it('folds umlauts and case and ignores comments', () => {
		const parsed = parseCommonPasswords('# Kommentar\nMünchen\n\n  Test1234Test  \r\n');
		expect([...parsed].sort()).toEqual(['muenchen', 'test1234test', 'testtest']);
		expect(foldPasswordWord('Straße')).toBe('strasse');
	});
});

describe('the shipped list of common passwords', () => {
	it('knows leaked passwords of 12 and more characters and their stems', async () => {
		const { commonPasswords } = await import('./common-passwords');
		const list = commonPasswords();
		expect(list.size).toBeGreaterThan(40_000);
		for (const leaked of ['1qaz2wsx3edc', 'qwerty123456', 'Leavemealone!', 'Sunshine2026!!']) {
			expect(checkPassword(leaked, { commonPasswords: list })).toBe('password_too_common');
		}
		expect(checkPassword('Rhein-Ufer-Laterne-47', { commonPasswords: list })).toBeNull();
	});
});
