import { describe, expect, it } from 'vitest';
import {
	asciiFileName,
	cleanFileName,
	contentDisposition,
	FILE_NAME_MAX_LENGTH
} from './attachment.file-name';

const PDF = 'application/pdf';

describe('cleanFileName', () => {
	it('keeps an ordinary name', () => {
		expect(cleanFileName('Projektbericht 2026.pdf', PDF)).toBe('Projektbericht 2026.pdf');
	});

	it('drops folders, control characters and characters unsafe in names', () => {
		expect(cleanFileName('../../etc/passwd.pdf', PDF)).toBe('passwd.pdf');
		expect(cleanFileName('C:\\Users\\Lotse\\Bericht.pdf', PDF)).toBe('Bericht.pdf');
		expect(cleanFileName('Be\u0000ri\u0007cht\n.pdf', PDF)).toBe('Bericht.pdf');
		expect(cleanFileName('a"b<c>|d?.pdf', PDF)).toBe('abcd.pdf');
		// A right-to-left override would show "Rechnung‮fdp.exe" as "Rechnungexe.pdf".
		expect(cleanFileName('Rechnung\u202Efdp.pdf', PDF)).toBe('Rechnungfdp.pdf');
		expect(cleanFileName('  ..versteckt.pdf  ', PDF)).toBe('versteckt.pdf');
	});

	it('appends the detected kind when the extension does not fit', () => {
		expect(cleanFileName('Foto.pdf', 'image/png')).toBe('Foto.pdf.png');
		expect(cleanFileName('Bericht', PDF)).toBe('Bericht.pdf');
		expect(cleanFileName('Foto.JPEG', 'image/jpeg')).toBe('Foto.JPEG');
		expect(cleanFileName('Haushalt.xls', 'application/x-cfb')).toBe('Haushalt.xls');
	});

	it('names a nameless file "Datei"', () => {
		expect(cleanFileName('', PDF)).toBe('Datei.pdf');
		expect(cleanFileName('/', PDF)).toBe('Datei.pdf');
	});

	it('shortens long names and keeps the extension and whole characters', () => {
		const name = cleanFileName(`${'ä'.repeat(400)}.pdf`, PDF);
		expect(Array.from(name)).toHaveLength(FILE_NAME_MAX_LENGTH);
		expect(name.endsWith('ä.pdf')).toBe(true);
	});

	it('unifies composed and decomposed umlauts', () => {
		expect(cleanFileName('Gebu\u0308hren.pdf', PDF)).toBe('Gebühren.pdf');
	});
});

describe('contentDisposition', () => {
	it('offers umlauts exactly (RFC 8187) and spelled out for old clients', () => {
		expect(contentDisposition('Gebührenübersicht Größe.pdf', 'attachment')).toBe(
			`attachment; filename="Gebuehrenuebersicht Groesse.pdf"; filename*=UTF-8''Geb%C3%BChren%C3%BCbersicht%20Gr%C3%B6%C3%9Fe.pdf`
		);
	});

	it('encodes the characters RFC 8187 does not allow bare', () => {
		expect(contentDisposition("Plan (v2) it's*.pdf", 'inline')).toBe(
			`inline; filename="Plan (v2) it's*.pdf"; filename*=UTF-8''Plan%20%28v2%29%20it%27s%2A.pdf`
		);
	});

	it('never lets a quote or backslash end the quoted name', () => {
		expect(asciiFileName('a"b\\c.pdf')).toBe('a_b_c.pdf');
		expect(asciiFileName('Café 日本.pdf')).toBe('Cafe __.pdf');
	});
});
