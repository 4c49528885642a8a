/**
 * Small real files for the attachment tests (unit, database and browser): their headers and
 * containers are what real programs write, so type detection is tested on what users upload.
 */
import { crc32 } from 'node:zlib';

const encoder = new TextEncoder();

/** A one-page PDF that viewers open. */
export function minimalPdf(): Uint8Array {
	return encoder.encode(
		[
			'%PDF-1.4',
			'1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
			'2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
			'3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj',
			'trailer << /Root 1 0 R >>',
			'%%EOF',
			''
		].join('\n')
	);
}

/** A 1×1 PNG. */
export function minimalPng(): Uint8Array {
	return Uint8Array.from(
		Buffer.from(
			'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
			'base64'
		)
	);
}

/** A ZIP archive with stored (uncompressed) entries, as office suites write them. */
export function zipOf(entries: readonly { name: string; content: string }[]): Uint8Array {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const data = Buffer.from(entry.content, 'utf8');
		const crc = crc32(data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(name.length, 26);
		locals.push(local, name, data);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(data.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE(offset, 42);
		centrals.push(central, name);
		offset += local.length + name.length + data.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Uint8Array.from(Buffer.concat([...locals, directory, end]));
}

/** A Word document (docx) with one paragraph. */
export function minimalDocx(): Uint8Array {
	return zipOf([
		{
			name: '[Content_Types].xml',
			content:
				'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
				'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
				'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
				'<Default Extension="xml" ContentType="application/xml"/>' +
				'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
				'</Types>'
		},
		{
			name: '_rels/.rels',
			content:
				'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
				'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
				'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
				'</Relationships>'
		},
		{
			name: 'word/document.xml',
			content:
				'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
				'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
				'<w:body><w:p><w:r><w:t>Projektbericht</w:t></w:r></w:p></w:body></w:document>'
		}
	]);
}

/** An OpenDocument text: the `mimetype` entry first, as the standard demands. */
export function minimalOdt(): Uint8Array {
	return zipOf([
		{ name: 'mimetype', content: 'application/vnd.oasis.opendocument.text' },
		{
			name: 'content.xml',
			content:
				'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'
		}
	]);
}

/** A page with a script: what an attacker would upload as `bericht.pdf`. */
export function htmlPage(): Uint8Array {
	return encoder.encode(
		'<!DOCTYPE html><html><head><title>x</title></head><body><script>alert(document.cookie)</script></body></html>\n'
	);
}

/** An SVG image with a script in it: images that can run code are refused. */
export function svgWithScript(): Uint8Array {
	return encoder.encode(
		'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>\n'
	);
}
