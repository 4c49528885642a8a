import { describe, expect, it } from 'vitest';
import {
	AdoptionInputSchema,
	fieldErrorsOf,
	parseProductFilter,
	PRODUCT_CATEGORIES,
	ProductInputSchema,
	type ProductInput
} from './solutions.schema';

const valid: ProductInput = {
	name: '  enaio  ',
	vendorName: ' OPTIMAL SYSTEMS ',
	category: 'dms',
	website: 'https://www.optimal-systems.de',
	isOpenSource: false,
	licence: '',
	operator: null,
	descriptionMd: 'E-Akte'
};

function problems(input: unknown, schema = ProductInputSchema): Record<string, string> {
	const parsed = schema.safeParse(input);
	return parsed.success ? {} : fieldErrorsOf(parsed.error);
}

describe('ProductInputSchema', () => {
	it('trims text and turns empty optional fields into null', () => {
		expect(ProductInputSchema.parse(valid)).toEqual({
			name: 'enaio',
			vendorName: 'OPTIMAL SYSTEMS',
			category: 'dms',
			website: 'https://www.optimal-systems.de',
			isOpenSource: false,
			licence: null,
			operator: null,
			descriptionMd: 'E-Akte'
		});
	});

	it('names the first problem per field as a short code', () => {
		expect(
			problems({
				...valid,
				name: 'x'.repeat(121),
				vendorName: 'v'.repeat(121),
				category: 'rakete',
				website: 'ftp://example.org',
				licence: 'l'.repeat(101),
				operator: 'o'.repeat(201),
				descriptionMd: 'd'.repeat(20_001)
			})
		).toEqual({
			name: 'name_too_long',
			vendorName: 'vendor_too_long',
			category: 'category_invalid',
			website: 'website_invalid',
			licence: 'licence_too_long',
			operator: 'operator_too_long',
			descriptionMd: 'description_too_long'
		});
		expect(problems({ ...valid, name: '   ' })).toEqual({ name: 'name_required' });
		expect(problems({ ...valid, name: 42 })).toEqual({ name: 'name_required' });
		expect(problems({ ...valid, website: 'javascript:alert(1)' })).toEqual({
			website: 'website_invalid'
		});
		expect(problems({ ...valid, isOpenSource: 'ja' })).toEqual({
			isOpenSource: 'open_source_invalid'
		});
	});

	it('knows the agreed categories', () => {
		expect(PRODUCT_CATEGORIES).toEqual(
			expect.arrayContaining(['fachverfahren', 'dms', 'e_payment', 'termin', 'portal', 'sonstiges'])
		);
		for (const category of PRODUCT_CATEGORIES) {
			expect(ProductInputSchema.safeParse({ ...valid, category }).success).toBe(true);
		}
	});
});

describe('AdoptionInputSchema', () => {
	const base = { productId: 1, municipalityId: 2, stage: 'live' };

	it('accepts a minimal adoption with nulls for the rest', () => {
		expect(AdoptionInputSchema.parse({ ...base, sinceOn: '', usedFor: ' ' })).toEqual({
			...base,
			sinceOn: null,
			usedFor: null,
			contactPersonId: null,
			rating: null,
			experience: null
		});
	});

	it('refuses unknown stages, impossible dates, ratings outside 1–5 and long texts', () => {
		expect(
			problems(
				{
					...base,
					stage: 'productive',
					sinceOn: '2024-02-30',
					rating: 0,
					usedFor: 'u'.repeat(501),
					experience: 'e'.repeat(5001),
					contactPersonId: -1
				},
				AdoptionInputSchema as never
			)
		).toEqual({
			stage: 'stage_invalid',
			sinceOn: 'since_invalid',
			rating: 'rating_invalid',
			usedFor: 'used_for_too_long',
			experience: 'experience_too_long',
			contactPersonId: 'contact_invalid'
		});
		expect(problems({ ...base, rating: 2.5 }, AdoptionInputSchema as never)).toEqual({
			rating: 'rating_invalid'
		});
		expect(problems({ ...base, rating: Number.NaN }, AdoptionInputSchema as never)).toEqual({
			rating: 'rating_invalid'
		});
	});
});

describe('parseProductFilter', () => {
	it('reads the German parameters and drops malformed ones', () => {
		expect(
			parseProductFilter(
				new URLSearchParams(
					'q=+E-Akte+&kategorie=dms&opensource=ja&kommune=08317057&phase=live&sortierung=verbreitung&seite=2'
				)
			)
		).toEqual({
			q: 'E-Akte',
			kategorie: 'dms',
			opensource: true,
			kommune: '08317057',
			phase: 'live',
			geloescht: false,
			sortierung: 'verbreitung',
			seite: 2
		});
		expect(
			parseProductFilter(
				new URLSearchParams('kategorie=x&opensource=1&kommune=123&phase=y&sortierung=z&seite=-3')
			)
		).toEqual({
			q: undefined,
			kategorie: undefined,
			opensource: false,
			kommune: undefined,
			phase: undefined,
			geloescht: false,
			sortierung: 'name',
			seite: 1
		});
	});
});
