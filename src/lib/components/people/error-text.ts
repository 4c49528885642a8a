/** German/English texts for the problem codes (message keys) the people module reports. */
import { m } from '$lib/paraglide/messages';

const texts: Record<string, () => string> = {
	name_required: () => m.people_error_name_required(),
	name_too_long: () => m.people_error_name_too_long(),
	job_title_too_long: () => m.people_error_job_title_too_long(),
	phone_invalid: () => m.people_error_phone_invalid(),
	about_too_long: () => m.people_error_about_too_long(),
	tag_too_long: () => m.people_error_tag_too_long(),
	tags_too_many: () => m.people_error_tags_too_many(),
	visibility_invalid: () => m.people_error_visibility_invalid(),
	password_required: () => m.people_error_password_required(),
	password_wrong: () => m.people_error_password_wrong(),
	deletion_confirm_required: () => m.people_error_deletion_confirm_required(),
	last_coordinator: () => m.people_error_last_coordinator()
};

export function peopleErrorText(code: string | undefined | null): string | null {
	if (!code) return null;
	return (texts[code] ?? (() => m.people_error_unknown()))();
}

/** The name to show for a person; deleted people appear as "Ehemaliges Mitglied". */
export function personName(person: { displayName: string; isDeleted?: boolean }): string {
	return person.isDeleted ? m.people_former_member() : person.displayName;
}
