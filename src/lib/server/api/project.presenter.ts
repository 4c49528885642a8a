/**
 * Projects as the API shows them: a whitelist of fields, English camelCase names, euros rather
 * than the stored cents. Anything not named here (who created or deleted it, sort keys, the
 * revision log) never leaves the server.
 */
import type { ProjectJson, ProjectSummaryJson } from './api.schema';

export interface ProjectSummaryFacts {
	id: number;
	title: string;
	summary: string;
	status: ProjectSummaryJson['status'];
	visibility: ProjectSummaryJson['visibility'];
	owner_ags: string;
	owner_name: string;
	topic_field_key: string | null;
	topic_field_name: string | null;
	domain_id: number | null;
	domain_name: string | null;
	started_on: string | null;
	live_on: string | null;
	is_demo: boolean;
	created_at: string;
	updated_at: string;
}

export interface ProjectRelations {
	partners: { ags: string; name: string }[];
	tags: string[];
	products: { id: number; name: string }[];
	reuseCount: number;
}

export interface ProjectDetailFacts extends ProjectSummaryFacts {
	description_md: string;
	lessons_learned_md: string;
	costs_once_cents: number | null;
	costs_yearly_cents: number | null;
	staff_effort: string | null;
	funding_programme: string | null;
	hours_saved_per_year: number | null;
	cases_per_year: number | null;
	has_partner_editing: boolean;
}

export interface ProjectDetailRelations extends ProjectRelations {
	contacts: { personId: number; name: string }[];
	links: { label: string; url: string }[];
	statusHistory: { status: ProjectSummaryJson['status']; changedOn: string }[];
}

const euros = (cents: number | null): number | null =>
	cents === null ? null : Number(cents) / 100;

export function presentProjectSummary(
	row: ProjectSummaryFacts,
	relations: ProjectRelations
): ProjectSummaryJson {
	return {
		id: row.id,
		url: `/projekte/${row.id}`,
		title: row.title,
		summary: row.summary,
		status: row.status,
		visibility: row.visibility,
		municipality: { ags: row.owner_ags, name: row.owner_name },
		partners: relations.partners,
		topicField:
			row.topic_field_key !== null && row.topic_field_name !== null
				? { key: row.topic_field_key, name: row.topic_field_name }
				: null,
		domain:
			row.domain_id !== null && row.domain_name !== null
				? { id: row.domain_id, name: row.domain_name }
				: null,
		tags: relations.tags,
		products: relations.products,
		startedOn: row.started_on,
		liveOn: row.live_on,
		reuseCount: relations.reuseCount,
		isDemo: row.is_demo,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

export function presentProject(
	row: ProjectDetailFacts,
	relations: ProjectDetailRelations
): ProjectJson {
	return {
		...presentProjectSummary(row, relations),
		description: row.description_md,
		lessonsLearned: row.lessons_learned_md,
		costsOnceEur: euros(row.costs_once_cents),
		costsYearlyEur: euros(row.costs_yearly_cents),
		staffEffort: row.staff_effort,
		fundingProgramme: row.funding_programme,
		hoursSavedPerYear: row.hours_saved_per_year,
		casesPerYear: row.cases_per_year,
		// The column's name lacks the is_/has_ prefix by which SQLite reads 0/1 as a boolean.
		partnersCanEdit: row.has_partner_editing,
		contacts: relations.contacts,
		links: relations.links,
		statusHistory: relations.statusHistory
	};
}
