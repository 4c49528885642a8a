/** How the audit log view names subjects, actors and details. */
import { m } from '$lib/paraglide/messages';

const subjects: Record<string, (id: string) => string> = {
	person: (id) => m.audit_log_subject_person({ id }),
	api_token: (id) => m.audit_log_subject_api_token({ id }),
	invitation: (id) => m.audit_log_subject_invitation({ id }),
	municipality: (id) => m.audit_log_subject_municipality({ id })
};

export function subjectText(subject: { type: string; id: number | null } | null): string {
	if (!subject) return '';
	if (subject.id === null) return subject.type;
	const id = String(subject.id);
	return (
		subjects[subject.type] ??
		((n: string) => m.audit_log_subject_other({ type: subject.type, id: n }))
	)(id);
}

/** The actor as a person reads it; e-mail pseudonyms are long hashes nobody can read. */
export function actorText(actor: { personId: number | null; label: string }): string {
	if (actor.personId !== null) {
		return m.audit_log_actor_person({ label: actor.label, id: String(actor.personId) });
	}
	if (actor.label.startsWith('email:')) return m.audit_log_actor_email();
	if (actor.label === 'anonymous') return m.audit_log_actor_anonymous();
	return actor.label;
}

/** What the actor filter takes to show only this actor's entries. */
export function actorFilterValue(actor: { personId: number | null; label: string }): string | null {
	if (actor.personId !== null) return String(actor.personId);
	if (actor.label.startsWith('email:') || actor.label.startsWith('system:')) return actor.label;
	return null;
}

/** Small facts of an event as `key: value` pairs. */
export function detailsText(details: unknown): string {
	if (details === null || typeof details !== 'object') return '';
	return Object.entries(details as Record<string, unknown>)
		.map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
		.join(', ');
}
