/**
 * The early refusal of request bodies that are too large (decision 0018): a request whose
 * Content-Length exceeds the largest attachment plus form overhead is answered with 413 and a
 * German message before its body is looked at. The server does not keep the body: Node discards
 * what still arrives, so memory stays flat. The connection is deliberately not closed at once:
 * closing a socket with unread data makes the kernel reset it, and the client would then see a
 * broken connection instead of the message. Bodies without a Content-Length are cut by the
 * adapter's BODY_SIZE_LIMIT.
 */
import { escapeHtml } from '../../html';

/** Room for the multipart framing and the other fields of an upload form. */
export const FORM_OVERHEAD_BYTES = 1024 * 1024;

/** The largest request body the server accepts: the largest attachment plus form overhead. */
export function requestBodyLimit(attachmentMaxBytes: number): number {
	return attachmentMaxBytes + FORM_OVERHEAD_BYTES;
}

export const TOO_LARGE_TITLE = 'Datei zu groß';

export function tooLargeMessage(maxSize: string): string {
	return `Die Anfrage ist zu groß und wurde nicht verarbeitet. Dateien dürfen höchstens ${maxSize} groß sein; es wurde nichts gespeichert.`;
}

/** "20 MB" for a byte count (German decimal comma), as the page states the limit. */
export function germanSize(bytes: number): string {
	const mb = bytes / (1024 * 1024);
	if (mb >= 1)
		return `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(mb)} MB`;
	return `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 }).format(bytes / 1024)} KB`;
}

/**
 * The 413 answer for a request announcing a body larger than `limit`, or null when it does not.
 * The API gets its JSON error format, browsers a short German page with a way back.
 */
export function refuseOversizedRequest(
	request: Request,
	url: URL,
	limit: number,
	attachmentMaxBytes: number
): Response | null {
	const announced = Number(request.headers.get('content-length'));
	if (!Number.isFinite(announced) || announced <= limit) return null;
	const message = tooLargeMessage(germanSize(attachmentMaxBytes));
	const headers = { 'cache-control': 'no-store' };
	if (url.pathname.startsWith('/api/')) {
		return Response.json(
			{ error: { code: 'PAYLOAD_TOO_LARGE', message } },
			{ status: 413, headers }
		);
	}
	const back = escapeHtml(url.pathname);
	const html =
		`<!doctype html><html lang="de"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>${TOO_LARGE_TITLE}</title></head><body><main><h1>${TOO_LARGE_TITLE}</h1>` +
		`<p>${escapeHtml(message)}</p><p><a href="${back}">Zurück</a></p></main></body></html>`;
	return new Response(html, {
		status: 413,
		headers: { ...headers, 'content-type': 'text/html; charset=utf-8' }
	});
}
