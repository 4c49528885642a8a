import type { RequestHandler } from './$types';
import { exportProducts } from '$lib/server/interchange';
import { exportFormatOf, fileDownload } from '$lib/server/web/file-download';
import { orHttpError } from '$lib/server/web/http-errors';

/**
 * The solutions register (products not deleted) as a file (`?format=csv|xlsx|json`, default
 * csv). Product facts are public; the file is built fresh for each request.
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	return fileDownload(await orHttpError(exportProducts(locals.ctx, exportFormatOf(url))));
};
