import { describe, expect, it } from 'vitest';
import { adoptedCountText, reuseErrorText, reuseStatusLabel } from './reuse-text';

describe('reuse texts', () => {
	it('counts adopting municipalities in correct German singular and plural', () => {
		expect(adoptedCountText(0)).toBe('Noch von keiner Kommune nachgenutzt');
		expect(adoptedCountText(1)).toBe('Von 1 Kommune nachgenutzt');
		expect(adoptedCountText(3)).toBe('Von 3 Kommunen nachgenutzt');
	});

	it('names every state and every problem code of the module', () => {
		expect(
			['open', 'in_discussion', 'adopted', 'declined', 'withdrawn'].map(reuseStatusLabel)
		).toEqual(['Offen', 'Im Gespräch', 'Übernommen', 'Abgelehnt', 'Zurückgezogen']);
		expect(reuseErrorText('already_requested')).toBe(
			'Ihre Kommune hat dazu bereits eine offene Anfrage.'
		);
		expect(reuseErrorText('gibt_es_nicht')).toBe(
			'Das hat nicht geklappt. Bitte versuchen Sie es erneut.'
		);
	});
});
