/**
 * Products and adoptions as the API shows them: a whitelist of fields. Whom to ask (the
 * adoption's contact person) is shown to signed-in callers only, as the people directory is.
 */
import type { AdoptionJson, SolutionJson, SolutionSummaryJson } from './api.schema';
import type { AdoptionRow, ProductRow } from './solution.repository';

export function presentSolutionSummary(row: ProductRow): SolutionSummaryJson {
	return {
		id: row.id,
		url: `/loesungen/${row.id}`,
		name: row.name,
		vendor:
			row.vendor_id !== null && row.vendor_name !== null
				? { id: row.vendor_id, name: row.vendor_name, website: row.vendor_website ?? null }
				: null,
		category: row.category,
		website: row.website,
		isOpenSource: row.is_open_source,
		licence: row.licence,
		operator: row.operator,
		adoptionCount: Number(row.adoption_count ?? 0),
		isDemo: row.is_demo,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

export function presentAdoption(row: AdoptionRow, showContact: boolean): AdoptionJson {
	return {
		id: row.id,
		product: { id: row.product_id, name: row.product_name },
		municipality: { ags: row.ags, name: row.municipality_name },
		stage: row.stage,
		sinceOn: row.since_on,
		usedFor: row.used_for,
		rating: row.rating,
		experience: row.experience,
		contact:
			showContact && row.contact_id !== null && row.contact_name !== null
				? { personId: row.contact_id, name: row.contact_name }
				: null,
		isDemo: row.is_demo,
		createdAt: row.created_at,
		updatedAt: row.updated_at
	};
}

export function presentSolution(
	row: ProductRow & { description_md: string },
	adoptions: AdoptionJson[]
): SolutionJson {
	return { ...presentSolutionSummary(row), description: row.description_md, adoptions };
}
