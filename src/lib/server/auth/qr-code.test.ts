import { describe, expect, it } from 'vitest';
import { qrCodeSvg } from './qr-code';

describe('qrCodeSvg', () => {
	it('renders an SVG without inline styles (strict CSP), labelled for screen readers', async () => {
		const svg = await qrCodeSvg(
			'otpauth://totp/X:a%40b.de?secret=JBSWY3DPEHPK3PXP',
			'QR-Code "für" <App>'
		);
		expect(svg.startsWith('<svg role="img" aria-label="QR-Code &quot;für&quot; &lt;App>" ')).toBe(
			true
		);
		expect(svg).not.toMatch(/style=/i);
		expect(svg).not.toMatch(/<script/i);
		expect(svg).toContain('<path');
	});
});
