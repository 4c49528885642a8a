/**
 * File names of uploads: what is kept of the name a browser sent, and how it goes back out in
 * `Content-Disposition`. Names are shown and offered for saving only; they never become paths
 * (the store uses random keys).
 */
import { ALLOWED_MEDIA_TYPES, isAllowedMediaType } from './attachment.content';

export const FILE_NAME_MAX_LENGTH = 150;

/** Extensions that fit a detected type besides its usual one. */
const OTHER_EXTENSIONS: Record<string, readonly string[]> = {
	'image/jpeg': ['jpeg', 'jpe'],
	'application/x-cfb': ['xls', 'ppt', 'pps', 'dot', 'xlt', 'pot', 'msg']
};

// Control and format characters (including bidirectional overrides that disguise "exe.pdf"),
// and characters that Windows does not allow in names.
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}<>:"/\\|?*]/gu;

function splitExtension(name: string): { stem: string; extension: string } {
	const dot = name.lastIndexOf('.');
	if (dot <= 0 || dot === name.length - 1) return { stem: name, extension: '' };
	return { stem: name.slice(0, dot), extension: name.slice(dot + 1) };
}

/**
 * The kept name of an upload: without folders, control characters and characters unsafe in
 * file names, trimmed, at most {@link FILE_NAME_MAX_LENGTH} characters (the extension kept), and
 * ending in an extension that fits the detected media type (appended when it does not).
 */
export function cleanFileName(raw: string, mediaType: string): string {
	const lastSegment = raw.split(/[/\\]/).pop() ?? '';
	let name = lastSegment
		.normalize('NFC')
		.replace(UNSAFE, '')
		.replace(/\s+/gu, ' ')
		.replace(/^[\s.]+|[\s.]+$/gu, '');
	let { stem, extension } = splitExtension(name);
	if (isAllowedMediaType(mediaType)) {
		const usual: string = ALLOWED_MEDIA_TYPES[mediaType].extension;
		const fitting = [usual, ...(OTHER_EXTENSIONS[mediaType] ?? [])];
		if (!fitting.includes(extension.toLowerCase())) {
			stem = name;
			extension = usual;
		}
	}
	if (stem === '') stem = 'Datei';
	const room = FILE_NAME_MAX_LENGTH - (extension ? extension.length + 1 : 0);
	// Cut by code points so that no character is split in half.
	stem = Array.from(stem).slice(0, Math.max(1, room)).join('').trimEnd();
	name = extension ? `${stem}.${extension}` : stem;
	return name;
}

const TRANSLITERATION: Record<string, string> = {
	ä: 'ae',
	ö: 'oe',
	ü: 'ue',
	Ä: 'Ae',
	Ö: 'Oe',
	Ü: 'Ue',
	ß: 'ss'
};

/** An ASCII stand-in for old clients: umlauts spelled out, accents dropped, the rest `_`. */
export function asciiFileName(name: string): string {
	return name
		.replace(/[äöüÄÖÜß]/g, (char) => TRANSLITERATION[char] ?? '_')
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/[^\x20-\x7e]/g, '_')
		.replace(/["\\]/g, '_');
}

/** RFC 8187 value characters: everything else is percent-encoded from UTF-8. */
function encodeRfc8187(value: string): string {
	return encodeURIComponent(value).replace(
		/['()*]/g,
		(char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
	);
}

/**
 * `Content-Disposition` for a download: `attachment` (or `inline` where asked), with an ASCII
 * `filename` for old clients and the exact name as `filename*` (RFC 6266).
 */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline'): string {
	return `${disposition}; filename="${asciiFileName(name)}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}
