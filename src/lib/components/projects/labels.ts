/** Texts of the project catalogue's coded values and problem codes (German, English). */
import { m } from '$lib/paraglide/messages';

export type ProjectStatusCode =
	'idee' | 'planung' | 'umsetzung' | 'betrieb' | 'pausiert' | 'eingestellt';
export type ProjectVisibilityCode = 'public' | 'network' | 'draft';
export type ProjectSortCode = 'aktualisiert' | 'titel' | 'start' | 'betrieb';

export const STATUS_CODES: readonly ProjectStatusCode[] = [
	'idee',
	'planung',
	'umsetzung',
	'betrieb',
	'pausiert',
	'eingestellt'
];
export const VISIBILITY_CODES: readonly ProjectVisibilityCode[] = ['public', 'network', 'draft'];
export const SORT_CODES: readonly ProjectSortCode[] = ['aktualisiert', 'titel', 'start', 'betrieb'];

export const statusLabel: Record<ProjectStatusCode, () => string> = {
	idee: m.projects_status_idee,
	planung: m.projects_status_planung,
	umsetzung: m.projects_status_umsetzung,
	betrieb: m.projects_status_betrieb,
	pausiert: m.projects_status_pausiert,
	eingestellt: m.projects_status_eingestellt
};

export const visibilityLabel: Record<ProjectVisibilityCode, () => string> = {
	public: m.projects_visibility_public,
	network: m.projects_visibility_network,
	draft: m.projects_visibility_draft
};

export const visibilityHint: Record<ProjectVisibilityCode, () => string> = {
	public: m.projects_visibility_public_hint,
	network: m.projects_visibility_network_hint,
	draft: m.projects_visibility_draft_hint
};

export const sortLabel: Record<ProjectSortCode, () => string> = {
	aktualisiert: m.projects_sort_aktualisiert,
	titel: m.projects_sort_titel,
	start: m.projects_sort_start,
	betrieb: m.projects_sort_betrieb
};

export const revisionActionLabel: Record<string, () => string> = {
	created: m.projects_history_action_created,
	updated: m.projects_history_action_updated,
	deleted: m.projects_history_action_deleted,
	restored: m.projects_history_action_restored,
	imported: m.projects_history_action_imported
};

/** Names of the fields a revision lists. */
export const fieldLabel: Record<string, () => string> = {
	title: m.projects_field_title,
	summary: m.projects_field_summary,
	descriptionMd: m.projects_field_description,
	lessonsLearnedMd: m.projects_field_lessons,
	municipalityId: m.projects_owner,
	partnerMunicipalityIds: m.projects_partners,
	status: m.projects_status,
	domainId: m.projects_domain,
	topicFieldKey: m.projects_topic_field,
	tags: m.projects_tags,
	productIds: m.projects_products,
	startedOn: m.projects_started_on,
	liveOn: m.projects_live_on,
	costsOnceCents: m.projects_costs_once,
	costsYearlyCents: m.projects_costs_yearly,
	staffEffort: m.projects_staff_effort,
	fundingProgramme: m.projects_funding,
	hoursSavedPerYear: m.projects_hours_saved,
	casesPerYear: m.projects_cases,
	contactPersonIds: m.projects_contacts,
	links: m.projects_field_name_links,
	visibility: m.projects_field_name_visibility,
	partnersCanEdit: m.projects_field_partners_can_edit
};

const errors: Record<string, () => string> = {
	title_required: m.projects_error_title_required,
	title_too_long: m.projects_error_title_too_long,
	summary_required: m.projects_error_summary_required,
	summary_too_long: m.projects_error_summary_too_long,
	description_too_long: m.projects_error_description_too_long,
	lessons_learned_too_long: m.projects_error_lessons_learned_too_long,
	text_invalid: m.projects_error_text_invalid,
	municipality_required: m.projects_error_municipality_required,
	municipality_unknown: m.projects_error_municipality_unknown,
	municipality_not_member: m.projects_error_municipality_not_member,
	municipality_not_yours: m.projects_error_municipality_not_yours,
	owner_only: m.projects_error_owner_only,
	partner_invalid: m.projects_error_partner_invalid,
	status_invalid: m.projects_error_status_invalid,
	visibility_invalid: m.projects_error_visibility_invalid,
	date_invalid: m.projects_error_date_invalid,
	domain_invalid: m.projects_error_domain_invalid,
	topic_field_invalid: m.projects_error_topic_field_invalid,
	tag_invalid: m.projects_error_tag_invalid,
	tag_too_long: m.projects_error_tag_too_long,
	tags_too_many: m.projects_error_tags_too_many,
	product_invalid: m.projects_error_product_invalid,
	contact_invalid: m.projects_error_contact_invalid,
	costs_invalid: m.projects_error_costs_invalid,
	number_invalid: m.projects_error_number_invalid,
	staff_effort_too_long: m.projects_error_staff_effort_too_long,
	funding_programme_too_long: m.projects_error_funding_programme_too_long,
	links_invalid: m.projects_error_links_invalid,
	links_too_many: m.projects_error_links_too_many,
	link_label_required: m.projects_error_link_label_required,
	link_label_too_long: m.projects_error_link_label_too_long,
	url_invalid: m.projects_error_url_invalid,
	partners_can_edit_invalid: m.projects_error_partners_can_edit_invalid,
	confirm_required: m.projects_error_confirm_required
};

/** The text for a problem code, or null when there is none. */
export function projectErrorText(code: string | undefined | null): string | null {
	if (!code) return null;
	return (errors[code] ?? m.projects_error_unknown)();
}

const euroFormats = new Map<string, Intl.NumberFormat>();

/** Euro cents as an amount in the locale's notation, e.g. "12.500 €" or "980,50 €". */
export function formatEuro(locale: string, cents: number): string {
	const whole = cents % 100 === 0;
	const key = `${locale}:${whole}`;
	let format = euroFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat(locale, {
			style: 'currency',
			currency: 'EUR',
			minimumFractionDigits: whole ? 0 : 2,
			maximumFractionDigits: 2
		});
		euroFormats.set(key, format);
	}
	return format.format(cents / 100);
}
