import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	createTopic,
	listTopicProductChoices,
	listTopics,
	loadShippedTopics,
	nextTopicPosition
} from '$lib/server/overview';
import { formFailure } from '$lib/server/web/form-failure';
import { readTopicForm, requireTopicAdministrator } from './topic-admin';

const NOTICES = ['hinzugefuegt', 'gespeichert', 'geloescht', 'vorschlaege'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	requireTopicAdministrator(locals, url);
	const notice = url.searchParams.get('hinweis');
	const [topics, products, position] = await Promise.all([
		listTopics(locals.ctx),
		listTopicProductChoices(locals.ctx),
		nextTopicPosition(locals.ctx)
	]);
	return {
		topics,
		products,
		nextPosition: position,
		notice: NOTICES.find((n) => n === notice) ?? null
	};
};

export const actions: Actions = {
	create: async ({ request, locals, url, setHeaders }) => {
		requireTopicAdministrator(locals, url);
		const values = readTopicForm(await request.formData());
		try {
			await createTopic(locals.ctx, values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'create');
		}
		redirect(303, '/verwaltung/themen?hinweis=hinzugefuegt');
	},
	shipped: async ({ locals, url, setHeaders }) => {
		requireTopicAdministrator(locals, url);
		try {
			await loadShippedTopics(locals.ctx);
		} catch (caught) {
			return formFailure(caught, setHeaders, {}, 'shipped');
		}
		redirect(303, '/verwaltung/themen?hinweis=vorschlaege');
	}
};
