import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { exportAdoptionMatrix, parseMatrixFilter } from '$lib/server/overview';
import { fileDownload } from '$lib/server/web/file-download';

/** The whole filtered matrix as CSV or XLSX, with the same audience rules as the page. */
export const GET: RequestHandler = async ({ locals, url }) => {
	const format = url.searchParams.get('format') ?? 'csv';
	if (format !== 'csv' && format !== 'xlsx') {
		error(400, { message: 'Unbekanntes Format: erlaubt sind csv und xlsx' });
	}
	return fileDownload(
		await exportAdoptionMatrix(locals.ctx, parseMatrixFilter(url.searchParams), format)
	);
};
