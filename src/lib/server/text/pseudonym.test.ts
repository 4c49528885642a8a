import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emailPseudonym, normaliseEmail } from './pseudonym';

describe('emailPseudonym', () => {
	it('is 64 hex characters and does not contain the address', () => {
		const pseudonym = emailPseudonym('anna.schmidt@example.de');
		expect(pseudonym).toMatch(/^[0-9a-f]{64}$/);
		expect(pseudonym).not.toContain('anna');
	});

	it('cannot be recomputed from the address alone', () => {
		// Neither a plain SHA-256 of the address (as in public lookup tables) nor one with any
		// fixed prefix: the installation's secret goes into it.
		expect(emailPseudonym('anna@example.de')).not.toBe(
			createHash('sha256').update('anna@example.de').digest('hex')
		);
		expect(emailPseudonym('anna@example.de')).not.toBe(
			createHash('sha256').update('drehscheibe:pseudonym:v1:anna@example.de').digest('hex')
		);
	});

	it('gives one pseudonym per address however it is typed', () => {
		const one = emailPseudonym('Anna@Example.DE');
		expect(emailPseudonym('  anna@example.de ')).toBe(one);
		expect(emailPseudonym('ANNA@EXAMPLE.DE')).toBe(one);
		expect(emailPseudonym('bert@example.de')).not.toBe(one);
	});

	it('normalises composed and decomposed umlauts alike', () => {
		expect(normaliseEmail('J\u00fcrgen@example.de')).toBe(
			normaliseEmail('Ju\u0308rgen@example.de')
		);
	});
});
