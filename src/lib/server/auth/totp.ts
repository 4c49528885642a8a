/**
 * Time-based one-time passwords (RFC 6238) through the otpauth library: 6 digits, 30 seconds,
 * SHA-1, as every authenticator app understands. A code is accepted one step early or late (clock
 * drift), and never for a step at or before the last one used, so an observed code cannot be
 * replayed.
 */
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const WINDOW = 1;

/** A new key (160 bits, as RFC 4226 recommends), base 32. */
export function newTotpSecret(): string {
	return new Secret({ size: 20 }).base32;
}

function totpOf(secretBase32: string, issuer = '', label = 'Konto'): TOTP {
	return new TOTP({
		issuer,
		label,
		algorithm: 'SHA1',
		digits: TOTP_DIGITS,
		period: TOTP_PERIOD_SECONDS,
		secret: Secret.fromBase32(secretBase32)
	});
}

/** The `otpauth://` address the QR code carries. */
export function totpUri(secretBase32: string, issuer: string, account: string): string {
	return totpOf(secretBase32, issuer, account).toString();
}

/** The time step a moment falls into. */
export function totpStepAt(now: Date): number {
	return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for a moment (for tests and for nothing else). */
export function totpCodeAt(secretBase32: string, now: Date): string {
	return totpOf(secretBase32).generate({ timestamp: now.getTime() });
}

/** Digits only, spaces removed: "123 456" is 123456. Null when it cannot be a TOTP code. */
export function normaliseTotpCode(input: string): string | null {
	const code = input.replace(/\s/g, '');
	return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code) ? code : null;
}

/**
 * The time step `code` is valid for at `now` (within one step either way), or null when it is
 * wrong or belongs to a step at or before `lastStep` (already used: a replay).
 */
export function verifyTotp(
	secretBase32: string,
	code: string,
	now: Date,
	lastStep: number | null
): number | null {
	const normalised = normaliseTotpCode(code);
	if (!normalised) return null;
	const delta = totpOf(secretBase32).validate({
		token: normalised,
		timestamp: now.getTime(),
		window: WINDOW
	});
	if (delta === null) return null;
	const step = totpStepAt(now) + delta;
	return lastStep !== null && step <= lastStep ? null : step;
}

/** The key in groups of four for typing it in by hand: `ABCD EFGH …`. */
export function groupSecret(secretBase32: string): string {
	return (secretBase32.match(/.{1,4}/g) ?? []).join(' ');
}
