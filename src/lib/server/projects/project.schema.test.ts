import { describe, expect, it } from 'vitest';
import {
	centsToEuroInput,
	euroToCents,
	isIsoDate,
	ProjectInputSchema,
	projectFieldErrors,
	QuickNoteSchema,
	todayIso
} from './project.schema';

const minimal = { title: 'E-Akte', municipalityId: '3', status: 'idee', visibility: 'public' };

function problems(raw: Record<string, unknown>) {
	const parsed = ProjectInputSchema.safeParse({ ...minimal, ...raw });
	if (parsed.success) return {};
	return projectFieldErrors(parsed.error);
}

describe('ProjectInputSchema', () => {
	it('fills defaults from a minimal form', () => {
		const parsed = ProjectInputSchema.parse(minimal);
		expect(parsed).toEqual({
			title: 'E-Akte',
			summary: '',
			descriptionMd: '',
			lessonsLearnedMd: '',
			municipalityId: 3,
			partnerMunicipalityIds: [],
			status: 'idee',
			statusChangedOn: todayIso(),
			domainId: null,
			topicFieldKey: null,
			tags: [],
			productIds: [],
			startedOn: null,
			liveOn: null,
			costsOnceCents: null,
			costsYearlyCents: null,
			staffEffort: null,
			fundingProgramme: null,
			hoursSavedPerYear: null,
			casesPerYear: null,
			contactPersonIds: [],
			links: [],
			visibility: 'public',
			partnersCanEdit: false
		});
	});

	it('reads numbers, lists and dates as forms send them', () => {
		const parsed = ProjectInputSchema.parse({
			...minimal,
			partnerMunicipalityIds: ['4', '5', '4', '3'],
			productIds: '7',
			domainId: '2',
			startedOn: '2024-02-29',
			costsOnceCents: '120000',
			hoursSavedPerYear: '1.200',
			tags: 'E-Akte, e akte; Finanzen\nFinanzen',
			statusChangedOn: null
		});
		expect(parsed.partnerMunicipalityIds).toEqual([4, 5, 3]);
		expect(parsed.productIds).toEqual([7]);
		expect(parsed.domainId).toBe(2);
		expect(parsed.startedOn).toBe('2024-02-29');
		expect(parsed.costsOnceCents).toBe(120000);
		expect(parsed.hoursSavedPerYear).toBe(1200);
		expect(parsed.tags).toEqual(['E-Akte', 'Finanzen']);
		expect(parsed.statusChangedOn).toBeNull();
	});

	it('names the problem of each bad field with a code', () => {
		expect(problems({ title: '  ' })).toEqual({ title: 'title_required' });
		expect(problems({ title: 'x'.repeat(201) })).toEqual({ title: 'title_too_long' });
		expect(problems({ summary: 'x'.repeat(501) })).toEqual({ summary: 'summary_too_long' });
		expect(problems({ status: 'fertig' })).toEqual({ status: 'status_invalid' });
		expect(problems({ visibility: 'geheim' })).toEqual({ visibility: 'visibility_invalid' });
		expect(problems({ municipalityId: '' })).toEqual({ municipalityId: 'municipality_required' });
		expect(problems({ startedOn: '2023-02-29' })).toEqual({ startedOn: 'date_invalid' });
		expect(problems({ liveOn: '1.2.2024' })).toEqual({ liveOn: 'date_invalid' });
		expect(problems({ costsYearlyCents: -5 })).toEqual({ costsYearlyCents: 'costs_invalid' });
		expect(problems({ costsOnceCents: 1.5 })).toEqual({ costsOnceCents: 'costs_invalid' });
		expect(problems({ casesPerYear: 'viele' })).toEqual({ casesPerYear: 'number_invalid' });
		expect(problems({ tags: ['x'.repeat(41)] })).toEqual({ tags: 'tag_too_long' });
		expect(problems({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) })).toEqual({
			tags: 'tags_too_many'
		});
		expect(problems({ productIds: ['abc'] })).toEqual({ productIds: 'product_invalid' });
	});

	it('accepts http and https links only and keys link problems by row', () => {
		expect(problems({ links: [{ label: 'Website', url: 'https://kehl.de' }] })).toEqual({});
		expect(
			problems({
				links: [
					{ label: 'ok', url: 'http://example.org' },
					{ label: 'Böse', url: 'javascript:alert(1)' }
				]
			})
		).toEqual({ 'links.1.url': 'url_invalid' });
		expect(problems({ links: [{ label: '', url: 'https://x.de' }] })).toEqual({
			'links.0.label': 'link_label_required'
		});
		const eleven = Array.from({ length: 11 }, () => ({ label: 'a', url: 'https://a.de' }));
		expect(problems({ links: eleven })).toEqual({ links: 'links_too_many' });
	});
});

describe('QuickNoteSchema', () => {
	it('needs title, status and one sentence; visibility defaults to network', () => {
		expect(
			QuickNoteSchema.parse({
				title: 'Kita-App',
				status: 'planung',
				summary: 'Eltern melden ihr Kind online an.',
				municipalityId: '9'
			})
		).toEqual({
			title: 'Kita-App',
			status: 'planung',
			summary: 'Eltern melden ihr Kind online an.',
			municipalityId: 9,
			visibility: 'network'
		});
		const parsed = QuickNoteSchema.safeParse({ title: '', status: 'x', summary: '' });
		expect(parsed.success).toBe(false);
		if (!parsed.success) {
			expect(projectFieldErrors(parsed.error)).toEqual({
				title: 'title_required',
				status: 'status_invalid',
				summary: 'summary_required',
				municipalityId: 'municipality_required'
			});
		}
	});
});

describe('euro amounts and dates', () => {
	it('reads euro amounts as people type them', () => {
		expect(euroToCents('1.234,56')).toBe(123456);
		expect(euroToCents('1234.5')).toBe(123450);
		expect(euroToCents('1 200 €')).toBe(120000);
		expect(euroToCents('980')).toBe(98000);
		expect(euroToCents('')).toBeNull();
		expect(euroToCents('zwölf')).toBeNaN();
		expect(centsToEuroInput(123450)).toBe('1234,50');
		expect(centsToEuroInput(98000)).toBe('980');
		expect(centsToEuroInput(null)).toBe('');
	});

	it('checks calendar days', () => {
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2023-02-29')).toBe(false);
		expect(isIsoDate('2023-2-1')).toBe(false);
	});
});
