/**
 * The set-up QR code as inline SVG, rendered on the server by the qrcode library: no script and
 * no request to anyone. The strict CSP forbids inline styles, so any `style` attribute is removed
 * (qrcode 1.5 writes none; this keeps it so if a later version does).
 */
import QRCode from 'qrcode';

export async function qrCodeSvg(text: string, label: string): Promise<string> {
	const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
	const escaped = label.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
	return svg
		.replace(/\sstyle="[^"]*"/g, '')
		.replace(/<svg /, `<svg role="img" aria-label="${escaped}" `);
}
