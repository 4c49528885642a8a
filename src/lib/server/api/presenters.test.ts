import { describe, expect, it } from 'vitest';
import { AdoptionSchema, ProjectSchema, ProjectSummarySchema } from './api.schema';
import {
	presentProject,
	presentProjectSummary,
	type ProjectDetailFacts
} from './project.presenter';
import { presentReuseRequest } from './reuse-request.presenter';
import { presentAdoption } from './solution.presenter';
import type { AdoptionRow } from './solution.repository';
import type { ReuseRequestRow } from './reuse-request.repository';

const row: ProjectDetailFacts & { created_by_person_id: number; title_sort: string } = {
	id: 7,
	title: 'E-Akte',
	summary: 'Kurz',
	status: 'betrieb',
	visibility: 'public',
	owner_ags: '08317057',
	owner_name: 'Kehl',
	topic_field_key: 'querschnitt',
	topic_field_name: 'Querschnittsleistungen',
	domain_id: null,
	domain_name: null,
	started_on: '2024-01-01',
	live_on: null,
	is_demo: true,
	created_at: '2026-11-26T10:00:00.000Z',
	updated_at: '2026-11-26T11:00:00.000Z',
	description_md: '# Text',
	lessons_learned_md: '',
	costs_once_cents: 123450,
	costs_yearly_cents: null,
	staff_effort: null,
	funding_programme: null,
	hours_saved_per_year: 100,
	cases_per_year: null,
	has_partner_editing: false,
	// Columns a query might bring along that must never reach a client:
	created_by_person_id: 3,
	title_sort: 'e akte'
};

const relations = {
	partners: [{ ags: '08317065', name: 'Lahr/Schwarzwald' }],
	tags: ['DMS'],
	products: [{ id: 2, name: 'enaio' }],
	reuseCount: 3
};

describe('project presenters', () => {
	it('show only the whitelisted fields, in euros, matching the documented schemas', () => {
		const summary = presentProjectSummary(row, relations);
		expect(ProjectSummarySchema.safeParse(summary).success).toBe(true);
		expect(summary).not.toHaveProperty('created_by_person_id');
		expect(summary).not.toHaveProperty('title_sort');
		expect(summary).toMatchObject({
			url: '/projekte/7',
			municipality: { ags: '08317057', name: 'Kehl' },
			topicField: { key: 'querschnitt', name: 'Querschnittsleistungen' },
			domain: null,
			reuseCount: 3
		});
		const detail = presentProject(row, {
			...relations,
			contacts: [{ personId: 3, name: 'Anna' }],
			links: [],
			statusHistory: [{ status: 'betrieb', changedOn: '2025-01-01' }]
		});
		expect(ProjectSchema.safeParse(detail).success).toBe(true);
		expect(detail.costsOnceEur).toBe(1234.5);
		expect(detail.costsYearlyEur).toBeNull();
		const shared = presentProject(
			{ ...row, has_partner_editing: true },
			{
				...relations,
				contacts: [],
				links: [],
				statusHistory: []
			}
		);
		expect(shared.partnersCanEdit).toBe(true);
	});
});

const adoptionRow: AdoptionRow = {
	id: 1,
	product_id: 2,
	municipality_id: 5,
	product_name: 'enaio',
	ags: '08317065',
	municipality_name: 'Lahr/Schwarzwald',
	stage: 'live',
	since_on: null,
	used_for: 'E-Akte',
	rating: 4,
	experience: 'Gut',
	contact_id: 9,
	contact_name: 'Lena Lahr',
	is_demo: false,
	created_at: '2026-11-26T10:00:00.000Z',
	updated_at: '2026-11-26T10:00:00.000Z'
};

describe('adoption presenter', () => {
	it('names the contact person to signed-in callers only', () => {
		const visitor = presentAdoption(adoptionRow, false);
		const member = presentAdoption(adoptionRow, true);
		expect(visitor.contact).toBeNull();
		expect(member.contact).toEqual({ personId: 9, name: 'Lena Lahr' });
		expect(AdoptionSchema.safeParse(visitor).success).toBe(true);
		expect(visitor).not.toHaveProperty('municipality_id');
	});
});

describe('reuse request presenter', () => {
	const request: ReuseRequestRow = {
		id: 4,
		project_id: 7,
		product_id: null,
		project_title: 'Geheimer Entwurf',
		product_name: null,
		requesting_municipality_id: 5,
		requester_ags: '08317065',
		requester_name: 'Lahr/Schwarzwald',
		owner_municipality_id: 6,
		owner_ags: '08317057',
		owner_name: 'Kehl',
		message: 'Das wollen wir auch',
		status: 'open',
		result_project_id: null,
		created_at: '2026-11-26T10:00:00.000Z',
		updated_at: '2026-11-26T10:00:00.000Z',
		closed_at: null
	};

	it('tells the direction from the caller’s side and hides titles of hidden projects', () => {
		expect(
			presentReuseRequest(request, { callerMunicipalityIds: [6], canSeeProject: true })
		).toMatchObject({ direction: 'incoming', subject: { name: 'Geheimer Entwurf' } });
		expect(
			presentReuseRequest(request, { callerMunicipalityIds: [5], canSeeProject: false })
		).toMatchObject({ direction: 'outgoing', subject: { type: 'project', id: 7, name: null } });
		expect(
			presentReuseRequest(request, { callerMunicipalityIds: [], canSeeProject: true }).direction
		).toBeNull();
	});
});
