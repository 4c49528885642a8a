/**
 * The hand-written `Database` type must match what the migrations create. The column lists below
 * are checked against the type by the compiler (a missing or extra column is a type error) and
 * against the migrated database by this test, on both dialects.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import type { Database } from './schema';

type ColumnsOf = { [T in keyof Database]: Record<keyof Database[T], true> };

const columns = {
	content_version: { id: true, version: true },
	association: { id: true, name: true, name_sort: true, created_at: true },
	municipality: {
		id: true,
		ags: true,
		name: true,
		name_sort: true,
		type: true,
		association_id: true,
		population: true,
		population_date: true,
		area_km2: true,
		latitude: true,
		longitude: true,
		website: true,
		membership_status: true,
		member_since: true,
		applied_on: true,
		is_founding_member: true,
		is_demo: true,
		data_source: true,
		created_at: true,
		updated_at: true
	},
	network: {
		id: true,
		name: true,
		short_name: true,
		region: true,
		description: true,
		contact_email: true,
		contact_phone: true,
		postal_address: true,
		imprint_md: true,
		privacy_md: true,
		is_demo: true,
		updated_at: true
	},
	data_source: {
		id: true,
		topic: true,
		title: true,
		licence: true,
		licence_url: true,
		created_at: true
	},
	activity: {
		id: true,
		kind: true,
		municipality_id: true,
		occurred_at: true,
		is_public: true,
		details_json: true,
		created_at: true
	},
	seed_run: { key: true, mode: true, seeded_at: true },
	mail_outbox: {
		id: true,
		to_address: true,
		subject: true,
		text_body: true,
		html_body: true,
		headers_json: true,
		message_id: true,
		status: true,
		attempts: true,
		next_attempt_at: true,
		locked_until: true,
		last_error: true,
		created_at: true,
		sent_at: true,
		dedupe_key: true
	},
	rate_limit_bucket: {
		key: true,
		count: true,
		window_started_at: true,
		blocked_until: true,
		block_count: true,
		expires_at: true,
		updated_at: true
	},
	audit_event: {
		id: true,
		occurred_at: true,
		action: true,
		actor_person_id: true,
		actor_label: true,
		subject_type: true,
		subject_id: true,
		municipality_id: true,
		ip_address: true,
		user_agent: true,
		details_json: true
	},
	person: {
		id: true,
		email: true,
		email_verified_at: true,
		display_name: true,
		job_title: true,
		password_hash: true,
		is_coordinator: true,
		created_at: true,
		updated_at: true,
		last_sign_in_at: true,
		deleted_at: true,
		// -- person columns of migration 0010 (account security) --
		two_factor_secret: true,
		two_factor_enabled_at: true,
		two_factor_last_step: true,
		// -- person columns of migration 0012 (profile) --
		phone: true,
		email_visibility: true,
		phone_visibility: true,
		is_listed: true,
		about: true,
		name_sort: true,
		notification_settings_json: true,
		is_demo: true,
		// -- person columns of migration 0021 (overview) --
		last_visit_at: true,
		previous_visit_at: true
	},
	person_municipality: { person_id: true, municipality_id: true, role: true, created_at: true },
	session: {
		id: true,
		person_id: true,
		created_at: true,
		last_seen_at: true,
		expires_at: true,
		idle_expires_at: true,
		ip_address: true,
		user_agent: true
	},
	// -- 0010 (account security) --
	account_token: {
		id: true,
		token_hash: true,
		purpose: true,
		person_id: true,
		email: true,
		created_at: true,
		expires_at: true,
		used_at: true
	},
	backup_code: { id: true, person_id: true, code_hash: true, created_at: true, used_at: true },
	sign_in_challenge: {
		id: true,
		person_id: true,
		created_at: true,
		expires_at: true,
		attempts: true
	},
	// -- 0011 (joining) --
	invitation: {
		id: true,
		token_hash: true,
		email: true,
		display_name: true,
		role: true,
		invited_by_person_id: true,
		created_at: true,
		expires_at: true,
		accepted_at: true,
		accepted_person_id: true,
		revoked_at: true
	},
	invitation_municipality: { invitation_id: true, municipality_id: true },
	membership_application: {
		id: true,
		contact_name: true,
		email: true,
		job_title: true,
		phone: true,
		message: true,
		status: true,
		decision_reason: true,
		decided_by_person_id: true,
		decided_at: true,
		created_at: true
	},
	membership_application_municipality: { application_id: true, municipality_id: true },
	// -- 0012 (profile) --
	person_expertise: { person_id: true, tag: true, tag_sort: true },
	person_topic: { person_id: true, topic: true, topic_sort: true },
	// -- 0013 (API tokens) --
	api_token: {
		id: true,
		person_id: true,
		name: true,
		token_hash: true,
		token_prefix: true,
		scope: true,
		created_at: true,
		expires_at: true,
		last_used_at: true,
		revoked_at: true
	},
	// -- 0014–0018 (catalogue) --
	topic_field: {
		key: true,
		name: true,
		position: true
	},
	domain: {
		id: true,
		name: true,
		name_sort: true,
		is_archived: true,
		created_at: true,
		updated_at: true
	},
	vendor: {
		id: true,
		name: true,
		name_sort: true,
		website: true,
		created_at: true
	},
	product: {
		id: true,
		name: true,
		name_sort: true,
		vendor_id: true,
		category: true,
		website: true,
		is_open_source: true,
		licence: true,
		operator: true,
		description_md: true,
		created_by_person_id: true,
		created_at: true,
		updated_at: true,
		deleted_at: true,
		is_demo: true
	},
	adoption: {
		id: true,
		product_id: true,
		municipality_id: true,
		stage: true,
		since_on: true,
		used_for: true,
		contact_person_id: true,
		rating: true,
		experience: true,
		created_by_person_id: true,
		created_at: true,
		updated_at: true,
		is_demo: true
	},
	project: {
		id: true,
		title: true,
		title_sort: true,
		summary: true,
		description_md: true,
		lessons_learned_md: true,
		municipality_id: true,
		status: true,
		domain_id: true,
		topic_field_key: true,
		started_on: true,
		live_on: true,
		costs_once_cents: true,
		costs_yearly_cents: true,
		staff_effort: true,
		funding_programme: true,
		hours_saved_per_year: true,
		cases_per_year: true,
		visibility: true,
		has_partner_editing: true,
		created_by_person_id: true,
		created_at: true,
		updated_at: true,
		deleted_at: true,
		deleted_by_person_id: true,
		is_demo: true
	},
	project_partner: {
		project_id: true,
		municipality_id: true
	},
	project_tag: {
		project_id: true,
		tag: true,
		tag_sort: true
	},
	project_product: {
		project_id: true,
		product_id: true
	},
	project_contact: {
		project_id: true,
		person_id: true,
		position: true
	},
	project_link: {
		id: true,
		project_id: true,
		label: true,
		url: true,
		position: true
	},
	project_status_change: {
		id: true,
		project_id: true,
		status: true,
		changed_on: true,
		person_id: true,
		created_at: true
	},
	project_revision: {
		id: true,
		project_id: true,
		person_id: true,
		actor_label: true,
		changed_at: true,
		action: true,
		changes_json: true
	},
	reuse_request: {
		id: true,
		project_id: true,
		product_id: true,
		requesting_municipality_id: true,
		requested_by_person_id: true,
		owner_municipality_id: true,
		message: true,
		status: true,
		result_project_id: true,
		created_at: true,
		updated_at: true,
		closed_at: true,
		is_demo: true
	},
	reuse_request_event: {
		id: true,
		reuse_request_id: true,
		status: true,
		person_id: true,
		note: true,
		created_at: true
	},
	attachment: {
		id: true,
		project_id: true,
		storage_key: true,
		file_name: true,
		title: true,
		media_type: true,
		size_bytes: true,
		sha256: true,
		uploaded_by_person_id: true,
		created_at: true,
		deleted_at: true
	},
	search_posting: { doc_type: true, ref_id: true, term: true, weight: true },
	search_word: { id: true, word: true, stem: true },
	search_setting: { key: true, value: true, updated_at: true, updated_by_person_id: true },
	overview_topic: {
		id: true,
		name: true,
		name_sort: true,
		description: true,
		position: true,
		search_phrases: true,
		created_at: true,
		updated_at: true
	},
	overview_topic_tag: { topic_id: true, tag: true, tag_sort: true },
	overview_topic_product: { topic_id: true, product_id: true },
	notification_event: {
		id: true,
		kind: true,
		actor_person_id: true,
		audience: true,
		title: true,
		url: true,
		payload_json: true,
		occurred_at: true,
		fanned_out_at: true,
		created_at: true
	},
	notification_event_subject: { event_id: true, subject_type: true, subject_id: true },
	notification_event_recipient: { event_id: true, person_id: true, reason: true },
	follow: { person_id: true, subject_type: true, subject_id: true, created_at: true },
	notification: {
		id: true,
		person_id: true,
		event_id: true,
		created_at: true,
		read_at: true,
		mailed_at: true
	},
	notification_preference: { person_id: true, mail_mode: true, updated_at: true },
	discussion: {
		id: true,
		kind: true,
		title: true,
		domain_id: true,
		subject_type: true,
		subject_id: true,
		author_person_id: true,
		accepted_post_id: true,
		reply_count: true,
		last_post_at: true,
		created_at: true,
		is_demo: true
	},
	discussion_post: {
		id: true,
		discussion_id: true,
		author_person_id: true,
		is_opening: true,
		body_source: true,
		body_html: true,
		edited_at: true,
		hidden_at: true,
		hidden_reason: true,
		hidden_by_person_id: true,
		created_at: true
	},
	discussion_post_revision: {
		id: true,
		post_id: true,
		body_source: true,
		body_html: true,
		written_at: true,
		replaced_at: true
	},
	discussion_report: {
		id: true,
		post_id: true,
		reporter_person_id: true,
		reason: true,
		status: true,
		decided_by_person_id: true,
		decided_at: true,
		created_at: true
	},
	// -- 0040–0042 (ideas and joint projects) --
	idea: {
		id: true,
		title: true,
		problem: true,
		solution: true,
		benefit: true,
		municipality_id: true,
		author_person_id: true,
		status: true,
		project_id: true,
		created_at: true,
		updated_at: true,
		last_activity_at: true,
		is_demo: true
	},
	idea_support: {
		id: true,
		idea_id: true,
		municipality_id: true,
		person_id: true,
		comment: true,
		contributors: true,
		created_at: true,
		updated_at: true
	},
	idea_state_change: {
		id: true,
		idea_id: true,
		status: true,
		person_id: true,
		reason: true,
		created_at: true
	},
	idea_round: {
		id: true,
		name: true,
		points_per_municipality: true,
		status: true,
		created_by_person_id: true,
		created_at: true,
		closed_at: true
	},
	idea_round_idea: { round_id: true, idea_id: true },
	idea_round_allocation: {
		round_id: true,
		municipality_id: true,
		idea_id: true,
		points: true,
		person_id: true,
		updated_at: true
	},
	project_milestone: {
		id: true,
		project_id: true,
		title: true,
		due_on: true,
		status: true,
		position: true,
		created_at: true,
		updated_at: true
	},
	project_update: {
		id: true,
		project_id: true,
		author_person_id: true,
		body_md: true,
		created_at: true
	},
	project_member: { project_id: true, person_id: true, role: true, created_at: true },
	event: {
		id: true,
		title: true,
		kind: true,
		description: true,
		starts_at: true,
		ends_at: true,
		time_zone: true,
		location: true,
		online_url: true,
		organiser_municipality_id: true,
		created_by_person_id: true,
		audience: true,
		capacity: true,
		is_call_for_pitches_open: true,
		created_at: true,
		updated_at: true,
		is_demo: true
	},
	event_registration: {
		id: true,
		event_id: true,
		person_id: true,
		guest_id: true,
		status: true,
		queued_at: true,
		reminded_at: true,
		created_at: true,
		updated_at: true
	},
	event_session: {
		id: true,
		event_id: true,
		kind: true,
		status: true,
		title: true,
		description: true,
		starts_at: true,
		ends_at: true,
		room: true,
		speakers: true,
		project_id: true,
		presenter_person_id: true,
		recording_url: true,
		accepted_at: true,
		created_at: true,
		updated_at: true
	},
	event_pitch_rating: { session_id: true, person_id: true, stars: true, updated_at: true },
	calendar_feed_token: { person_id: true, token_hash: true, created_at: true },
	event_guest: {
		id: true,
		event_id: true,
		name: true,
		organisation: true,
		email: true,
		confirm_token_hash: true,
		confirm_expires_at: true,
		confirmed_at: true,
		created_at: true,
		updated_at: true
	}
} satisfies ColumnsOf;

const t = useTestDatabase();

describe('schema', () => {
	it('matches the Database type table by table, column by column', async () => {
		const tables = await t.db.introspection.getTables();
		const actual = Object.fromEntries(
			tables
				.filter((table) => !table.name.startsWith('kysely_'))
				.map((table) => [table.name, table.columns.map((column) => column.name).sort()])
		);
		const expected = Object.fromEntries(
			Object.entries(columns).map(([table, cols]) => [table, Object.keys(cols).sort()])
		);
		expect(actual).toEqual(expected);
	});
});
