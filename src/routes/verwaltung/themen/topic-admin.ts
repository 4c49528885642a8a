/** Shared by the topic administration's pages: who may use them, reading the form. */
import { error, redirect } from '@sveltejs/kit';
import { canAdministerTopics } from '$lib/server/overview';
import { formText } from '$lib/server/web/form-data';

/** The coordination only; everyone else gets the administration's 403 (visitors sign in). */
export function requireTopicAdministrator(locals: App.Locals, url: URL): void {
	const actor = locals.ctx.actor;
	if (actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
	if (!canAdministerTopics(actor)) error(403, { message: 'Kein Zugang zu den Themen' });
}

export interface TopicFormValues {
	name: string;
	description: string;
	tags: string;
	phrases: string;
	productIds: string[];
	position: string;
}

export function readTopicForm(form: FormData): TopicFormValues {
	return {
		name: formText(form, 'name', 500),
		description: formText(form, 'description', 2000),
		tags: formText(form, 'tags', 5000),
		phrases: formText(form, 'phrases', 5000),
		productIds: form
			.getAll('productIds')
			.filter((value): value is string => typeof value === 'string')
			.slice(0, 100),
		position: formText(form, 'position', 20)
	};
}
