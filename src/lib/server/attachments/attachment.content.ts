/**
 * What an uploaded file is, decided from its bytes, never from its name or the browser's
 * Content-Type (decision 0018). `file-type` reads the magic numbers (and, for ZIP containers,
 * the entries that make a docx or an odt); only the kinds listed here are accepted. Everything
 * else, including HTML, SVG, scripts, executables and plain text it cannot identify, is refused.
 */
import { fileTypeFromBuffer } from 'file-type';

/** The accepted kinds: detected media type → a short German label and the usual extension. */
export const ALLOWED_MEDIA_TYPES = {
	'application/pdf': { label: 'PDF', extension: 'pdf' },
	'image/png': { label: 'PNG-Bild', extension: 'png' },
	'image/jpeg': { label: 'JPEG-Bild', extension: 'jpg' },
	'image/gif': { label: 'GIF-Bild', extension: 'gif' },
	'image/webp': { label: 'WebP-Bild', extension: 'webp' },
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
		label: 'Word-Dokument',
		extension: 'docx'
	},
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
		label: 'Excel-Tabelle',
		extension: 'xlsx'
	},
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': {
		label: 'PowerPoint-Präsentation',
		extension: 'pptx'
	},
	'application/vnd.oasis.opendocument.text': { label: 'OpenDocument-Text', extension: 'odt' },
	'application/vnd.oasis.opendocument.spreadsheet': {
		label: 'OpenDocument-Tabelle',
		extension: 'ods'
	},
	'application/vnd.oasis.opendocument.presentation': {
		label: 'OpenDocument-Präsentation',
		extension: 'odp'
	},
	// Word, Excel and PowerPoint before 2007 share one container format (Compound File Binary);
	// the bytes alone do not say which of the three it is.
	'application/x-cfb': { label: 'Office-Dokument (älteres Format)', extension: 'doc' }
} as const;

export type AllowedMediaType = keyof typeof ALLOWED_MEDIA_TYPES;

export function isAllowedMediaType(mediaType: string | undefined): mediaType is AllowedMediaType {
	return mediaType !== undefined && Object.hasOwn(ALLOWED_MEDIA_TYPES, mediaType);
}

/** A German label of a stored media type ("PDF", "Word-Dokument"); unknown ones as they are. */
export function mediaTypeLabel(mediaType: string): string {
	return isAllowedMediaType(mediaType) ? ALLOWED_MEDIA_TYPES[mediaType].label : mediaType;
}

/** The accepted media type of the bytes, or null when they are not an accepted kind. */
export async function detectAllowedMediaType(bytes: Uint8Array): Promise<AllowedMediaType | null> {
	const detected = await fileTypeFromBuffer(bytes);
	return isAllowedMediaType(detected?.mime) ? detected.mime : null;
}
