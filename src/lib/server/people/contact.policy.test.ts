import { describe, expect, it } from 'vitest';
import { canSeeContact, visibleContact } from './contact.policy';

const owner = { personId: 1, municipalityIds: [10, 11] };
const colleague = { personId: 2, municipalityIds: [11] };
const stranger = { personId: 3, municipalityIds: [12] };
const noMunicipality = { personId: 4, municipalityIds: [] };

describe('canSeeContact', () => {
	it('shows network-wide details to every signed-in member', () => {
		for (const viewer of [colleague, stranger, noMunicipality]) {
			expect(canSeeContact('network', owner, viewer)).toBe(true);
		}
	});

	it('shows municipality details only where a municipality is shared', () => {
		expect(canSeeContact('municipality', owner, colleague)).toBe(true);
		expect(canSeeContact('municipality', owner, stranger)).toBe(false);
		expect(canSeeContact('municipality', owner, noMunicipality)).toBe(false);
		expect(
			canSeeContact('municipality', noMunicipality, { personId: 5, municipalityIds: [] })
		).toBe(false);
	});

	it('hides hidden details from everyone but the person', () => {
		expect(canSeeContact('hidden', owner, colleague)).toBe(false);
		expect(canSeeContact('hidden', owner, { personId: 1, municipalityIds: [] })).toBe(true);
	});
});

describe('visibleContact', () => {
	const details = {
		email: 'a@kehl.example',
		phone: '07851 1',
		emailVisibility: 'network' as const,
		phoneVisibility: 'municipality' as const
	};

	it('filters each detail by its own setting', () => {
		expect(visibleContact(details, owner, colleague)).toEqual({
			email: 'a@kehl.example',
			phone: '07851 1'
		});
		expect(visibleContact(details, owner, stranger)).toEqual({
			email: 'a@kehl.example',
			phone: null
		});
		expect(
			visibleContact({ ...details, emailVisibility: 'hidden', phone: null }, owner, colleague)
		).toEqual({ email: null, phone: null });
	});
});
