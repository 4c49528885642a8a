/** Texts of the idea pool that depend on a code: states, milestone states, problem codes. */
import { m } from '$lib/paraglide/messages';

type Text = () => string;

export const ideaStatusLabel: Record<string, Text> = {
	new: m.ideas_status_new,
	in_review: m.ideas_status_in_review,
	accepted: m.ideas_status_accepted,
	implemented: m.ideas_status_implemented,
	rejected: m.ideas_status_rejected
};

export const milestoneStatusLabel: Record<string, Text> = {
	planned: m.ideas_milestone_planned,
	in_progress: m.ideas_milestone_in_progress,
	reached: m.ideas_milestone_reached,
	postponed: m.ideas_milestone_postponed
};

export const MILESTONE_STATUS_CODES = ['planned', 'in_progress', 'reached', 'postponed'] as const;
export const IDEA_STATUS_CODES = [
	'new',
	'in_review',
	'accepted',
	'implemented',
	'rejected'
] as const;

const messages = m as unknown as Record<string, Text | undefined>;

/** The German (or English) text for a problem code, or null when there is none. */
export function ideaErrorText(code: string | undefined | null): string | null {
	if (!code) return null;
	return (messages[`ideas_error_${code}`] ?? m.ideas_error_unknown)();
}

/** The problem texts of a failed form, field by field. */
export function ideaFieldTexts(
	fields: Record<string, string> | undefined | null
): Record<string, string> {
	const texts: Record<string, string> = {};
	for (const [field, code] of Object.entries(fields ?? {}))
		texts[field] = ideaErrorText(code) ?? '';
	return texts;
}
