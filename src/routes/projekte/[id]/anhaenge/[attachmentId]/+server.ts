import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { contentDisposition, openAttachment } from '$lib/server/attachments';
import { orHttpError } from '$lib/server/web/http-errors';

function idOf(raw: string): number {
	if (!/^[1-9]\d{0,14}$/.test(raw)) error(404, { message: 'Not found' });
	return Number(raw);
}

/**
 * The file itself, for whoever may see the project. Always offered as a download, typed as
 * detected on upload, and sandboxed: even a file a browser misjudged could not run script here.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	const file = await orHttpError(
		openAttachment(locals.ctx, idOf(params.id), idOf(params.attachmentId))
	);
	return new Response(file.stream, {
		headers: {
			'content-type': file.mediaType,
			'content-length': String(file.size),
			'content-disposition': contentDisposition(file.fileName, 'attachment'),
			'x-content-type-options': 'nosniff',
			'content-security-policy': "sandbox; default-src 'none'",
			// Files of members-only projects and drafts must never sit in a shared cache.
			'cache-control': file.isPublic ? 'public, max-age=300' : 'private, no-store'
		}
	});
};
