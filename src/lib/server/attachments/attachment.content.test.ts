import { describe, expect, it } from 'vitest';
import { detectAllowedMediaType, mediaTypeLabel } from './attachment.content';
import {
	htmlPage,
	minimalDocx,
	minimalOdt,
	minimalPdf,
	minimalPng,
	svgWithScript,
	zipOf
} from './attachment.test-support';

describe('detectAllowedMediaType', () => {
	it('accepts a PDF, a PNG, a docx and an odt by their content', async () => {
		expect(await detectAllowedMediaType(minimalPdf())).toBe('application/pdf');
		expect(await detectAllowedMediaType(minimalPng())).toBe('image/png');
		expect(await detectAllowedMediaType(minimalDocx())).toBe(
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		);
		expect(await detectAllowedMediaType(minimalOdt())).toBe(
			'application/vnd.oasis.opendocument.text'
		);
	});

	it('accepts the container of old Office files', async () => {
		const header = Uint8Array.from([
			0xd0,
			0xcf,
			0x11,
			0xe0,
			0xa1,
			0xb1,
			0x1a,
			0xe1,
			...new Array<number>(504).fill(0)
		]);
		expect(await detectAllowedMediaType(header)).toBe('application/x-cfb');
	});

	it('refuses HTML (whatever the name), SVG, plain ZIP, executables and unknown bytes', async () => {
		expect(await detectAllowedMediaType(htmlPage())).toBeNull();
		expect(await detectAllowedMediaType(svgWithScript())).toBeNull();
		expect(await detectAllowedMediaType(zipOf([{ name: 'a.txt', content: 'hallo' }]))).toBeNull();
		const elf = Uint8Array.from([
			0x7f,
			0x45,
			0x4c,
			0x46,
			2,
			1,
			1,
			0,
			...new Array<number>(56).fill(0)
		]);
		expect(await detectAllowedMediaType(elf)).toBeNull();
		const windowsExe = new Uint8Array(256);
		windowsExe.set([0x4d, 0x5a]);
		expect(await detectAllowedMediaType(windowsExe)).toBeNull();
		expect(
			await detectAllowedMediaType(new TextEncoder().encode('#!/bin/sh\nrm -rf /\n'))
		).toBeNull();
		expect(await detectAllowedMediaType(new Uint8Array([1, 2, 3]))).toBeNull();
	});
});

describe('media type labels', () => {
	it('names accepted kinds in German', () => {
		expect(mediaTypeLabel('application/pdf')).toBe('PDF');
		expect(mediaTypeLabel('application/vnd.oasis.opendocument.text')).toBe('OpenDocument-Text');
		expect(mediaTypeLabel('application/x-cfb')).toBe('Office-Dokument (älteres Format)');
	});
});
