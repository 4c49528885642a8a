import type { RequestHandler } from './$types';
import { exportProjects, parseProjectExportFilter } from '$lib/server/interchange';
import { exportFormatOf, fileDownload } from '$lib/server/web/file-download';
import { orHttpError } from '$lib/server/web/http-errors';

/**
 * The projects the requester may see as a file (`?format=csv|xlsx|json`, default csv; optionally
 * `kommune=<AGS>` and `status=<code>`): visitors get public projects only.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	const format = exportFormatOf(url);
	const filter = parseProjectExportFilter(url.searchParams);
	return fileDownload(await orHttpError(exportProjects(locals.ctx, format, filter)));
};
