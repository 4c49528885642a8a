import { describe, expect, it } from 'vitest';
import { loggablePath } from './log-path';

describe('loggablePath', () => {
	it('hides the token of single-use links', () => {
		expect(loggablePath('/einladung/abcDEF123_-x')).toBe('/einladung/[token]');
		expect(loggablePath('/termine/gast/bestaetigen/abc_-9')).toBe(
			'/termine/gast/bestaetigen/[token]'
		);
		expect(loggablePath('/termine/gast/abmelden/7-ab12')).toBe('/termine/gast/abmelden/[token]');
		expect(loggablePath('/passwort-zuruecksetzen/abc')).toBe('/passwort-zuruecksetzen/[token]');
		expect(loggablePath('/e-mail-bestaetigen/abc/__data.json')).toBe(
			'/e-mail-bestaetigen/[token]/__data.json'
		);
	});

	it('leaves every other path as it is', () => {
		expect(loggablePath('/kommunen/08317057')).toBe('/kommunen/08317057');
		expect(loggablePath('/einladung')).toBe('/einladung');
	});
});
