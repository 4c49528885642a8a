import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import {
	exportProducts,
	INTERCHANGE_FORMATS,
	type InterchangeFormat
} from '$lib/server/interchange';
import { orHttpError } from '$lib/server/web/http-errors';

/**
 * The solutions register (products not deleted) as a file (`?format=csv|xlsx|json`, default
 * csv). Product facts are public; the file is built fresh for each request.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const format = url.searchParams.get('format') ?? 'csv';
	if (!(INTERCHANGE_FORMATS as readonly string[]).includes(format)) {
		error(400, { message: 'Unbekanntes Format: erlaubt sind csv, xlsx und json' });
	}
	const file = await orHttpError(exportProducts(locals.ctx, format as InterchangeFormat));
	return new Response(file.bytes, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
