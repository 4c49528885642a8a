import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { deleteTopic, getTopic, listTopicProductChoices, updateTopic } from '$lib/server/overview';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';
import { readTopicForm, requireTopicAdministrator } from '../topic-admin';

function topicIdOf(raw: string): number {
	if (!/^[1-9]\d{0,9}$/.test(raw)) error(404, { message: 'Thema nicht gefunden' });
	return Number(raw);
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	requireTopicAdministrator(locals, url);
	const id = topicIdOf(params.id);
	const [topic, products] = await Promise.all([
		orHttpError(getTopic(locals.ctx, id)),
		listTopicProductChoices(locals.ctx)
	]);
	return { topic, products };
};

export const actions: Actions = {
	save: async ({ request, locals, url, params, setHeaders }) => {
		requireTopicAdministrator(locals, url);
		const id = topicIdOf(params.id);
		const values = readTopicForm(await request.formData());
		try {
			await updateTopic(locals.ctx, id, values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'save');
		}
		redirect(303, '/verwaltung/themen?hinweis=gespeichert');
	},
	delete: async ({ locals, url, params }) => {
		requireTopicAdministrator(locals, url);
		await orHttpError(deleteTopic(locals.ctx, topicIdOf(params.id)));
		redirect(303, '/verwaltung/themen?hinweis=geloescht');
	}
};
