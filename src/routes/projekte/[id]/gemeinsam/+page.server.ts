import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	addMilestone,
	getJointProject,
	postProgressUpdate,
	removeMember,
	removeMilestone,
	setMember,
	updateMilestone
} from '$lib/server/ideas';
import { formText } from '$lib/server/web/form-data';
import { formFailure } from '$lib/server/web/form-failure';

export const csr = false;

/** Only the lead municipality's people and the coordination keep a joint project. */
export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
	const joint = await getJointProject(locals.ctx, Number(params.id));
	if (!joint) error(404, { message: 'joint project not found' });
	if (!joint.canEdit) error(403, { message: 'lead only' });
	return { joint };
};

function milestoneValues(form: FormData) {
	return {
		title: formText(form, 'title', 1000),
		dueOn: formText(form, 'dueOn', 20),
		status: formText(form, 'status', 20)
	};
}

export const actions: Actions = {
	milestone: async ({ request, locals, params, setHeaders }) => {
		const values = milestoneValues(await request.formData());
		try {
			await addMilestone(locals.ctx, Number(params.id), values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'milestone');
		}
		return { done: true };
	},
	changeMilestone: async ({ request, locals, params, setHeaders }) => {
		const form = await request.formData();
		const id = formText(form, 'milestoneId', 20);
		const values = milestoneValues(form);
		try {
			await updateMilestone(locals.ctx, Number(params.id), Number(id), values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, `milestone-${id}`);
		}
		return { done: true };
	},
	removeMilestone: async ({ request, locals, params, setHeaders }) => {
		const id = formText(await request.formData(), 'milestoneId', 20);
		try {
			await removeMilestone(locals.ctx, Number(params.id), Number(id));
		} catch (caught) {
			return formFailure(caught, setHeaders, {}, `milestone-${id}`);
		}
		return { done: true };
	},
	update: async ({ request, locals, params, setHeaders }) => {
		const values = { body: formText(await request.formData(), 'body', 40_000) };
		try {
			await postProgressUpdate(locals.ctx, Number(params.id), values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'update');
		}
		return { done: true };
	},
	member: async ({ request, locals, params, setHeaders }) => {
		const form = await request.formData();
		const values = { personId: formText(form, 'personId', 20), role: formText(form, 'role', 1000) };
		try {
			await setMember(locals.ctx, Number(params.id), values);
		} catch (caught) {
			return formFailure(caught, setHeaders, values, 'member');
		}
		return { done: true };
	},
	removeMember: async ({ request, locals, params, setHeaders }) => {
		const personId = formText(await request.formData(), 'personId', 20);
		try {
			await removeMember(locals.ctx, Number(params.id), personId);
		} catch (caught) {
			return formFailure(caught, setHeaders, {}, 'member');
		}
		return { done: true };
	}
};
