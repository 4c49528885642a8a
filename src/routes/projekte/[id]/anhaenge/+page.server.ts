import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { addAttachment, deleteAttachment, listProjectAttachments } from '$lib/server/attachments';
import { formText } from '$lib/server/web/form-data';
import { formFailure } from '$lib/server/web/form-failure';
import { orHttpError } from '$lib/server/web/http-errors';

export const csr = false;

/** A positive whole number from the URL, or 404. */
function idOf(raw: string): number {
	if (!/^[1-9]\d{0,14}$/.test(raw)) error(404, { message: 'Not found' });
	return Number(raw);
}

export const load: PageServerLoad = async ({ params, locals }) => {
	return { project: await orHttpError(listProjectAttachments(locals.ctx, idOf(params.id))) };
};

export const actions: Actions = {
	upload: async ({ params, request, locals, setHeaders }) => {
		const projectId = idOf(params.id);
		let form: FormData;
		try {
			form = await request.formData();
		} catch (caught) {
			// The adapter's BODY_SIZE_LIMIT cut the body (it is lower than the upload limit when the
			// server was started without `npm start`): say so next to the field.
			if ((caught as { status?: unknown } | null)?.status === 413) {
				return fail(413, {
					fields: { file: 'too_large' },
					retryAfterSeconds: 0,
					values: { title: '' },
					formId: 'upload'
				});
			}
			throw caught;
		}
		const file = form.get('file');
		const title = formText(form, 'title', 1000);
		try {
			const added = await addAttachment(locals.ctx, projectId, {
				fileName: file instanceof File ? file.name : '',
				bytes: file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array(),
				title
			});
			return { formId: 'upload', uploaded: added.title ?? added.fileName };
		} catch (caught) {
			return formFailure(caught, setHeaders, { title }, 'upload');
		}
	},
	delete: async ({ params, request, locals }) => {
		const projectId = idOf(params.id);
		const form = await request.formData();
		const attachmentId = Number(formText(form, 'attachmentId', 20));
		await orHttpError(deleteAttachment(locals.ctx, projectId, attachmentId));
		return { formId: 'delete', deleted: true };
	}
};
