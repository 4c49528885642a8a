/**
 * The SvelteKit side of the exports: the `format` query parameter checked against the
 * interchange formats, and a generated file answered as a download that no shared cache keeps
 * (what is in it depends on who asks).
 */
import { error } from '@sveltejs/kit';
import { INTERCHANGE_FORMATS, type ExportedFile, type InterchangeFormat } from '../interchange';

export function exportFormatOf(url: URL): InterchangeFormat {
	const format = url.searchParams.get('format') ?? 'csv';
	if (!(INTERCHANGE_FORMATS as readonly string[]).includes(format)) {
		error(400, { message: 'Unbekanntes Format: erlaubt sind csv, xlsx und json' });
	}
	return format as InterchangeFormat;
}

export function fileDownload(file: ExportedFile): Response {
	return new Response(file.bytes, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}
