import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import {
	exportProjects,
	INTERCHANGE_FORMATS,
	parseProjectExportFilter,
	type InterchangeFormat
} from '$lib/server/interchange';
import { orHttpError } from '$lib/server/web/http-errors';

/**
 * The projects the requester may see as a file (`?format=csv|xlsx|json`, default csv; optionally
 * `kommune=<AGS>` and `status=<code>`): visitors get public projects only. Never cached in
 * shared caches, as the content depends on who asks.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const format = url.searchParams.get('format') ?? 'csv';
	if (!(INTERCHANGE_FORMATS as readonly string[]).includes(format)) {
		error(400, { message: 'Unbekanntes Format: erlaubt sind csv, xlsx und json' });
	}
	const filter = parseProjectExportFilter(url.searchParams);
	const file = await orHttpError(exportProjects(locals.ctx, format as InterchangeFormat, filter));
	return new Response(file.bytes, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
