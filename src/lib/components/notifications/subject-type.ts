import { m } from '$lib/paraglide/messages';

/** The German (or English) name of a followable type. */
export function subjectTypeLabel(type: string): string {
	const labels: Record<string, () => string> = {
		project: m.notifications_type_project,
		product: m.notifications_type_product,
		idea: m.notifications_type_idea,
		discussion: m.notifications_type_discussion,
		event: m.notifications_type_event,
		municipality: m.notifications_type_municipality,
		topic_field: m.notifications_type_topic_field
	};
	return labels[type]?.() ?? type;
}
