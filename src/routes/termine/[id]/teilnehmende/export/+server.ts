import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { exportAttendees } from '$lib/server/events';
import { fileDownload } from '$lib/server/web/file-download';
import { orHttpError } from '$lib/server/web/http-errors';

/** The attendee list as CSV or XLSX (coordination only). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const format = url.searchParams.get('format') ?? 'csv';
	if (format !== 'csv' && format !== 'xlsx') {
		error(400, { message: 'Unbekanntes Format: erlaubt sind csv und xlsx' });
	}
	return fileDownload(await orHttpError(exportAttendees(locals.ctx, params.id, format)));
};
