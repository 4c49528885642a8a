/** Input schemas of sign-in and accounts; problems are message keys the UI translates. */
import { z } from 'zod';
import { normaliseEmail } from '../text/pseudonym';
import { PASSWORD_MAX_LENGTH } from './password.policy';

/** Long enough for any real address (RFC 5321 path limit). */
export const EMAIL_MAX_LENGTH = 254;
export const DISPLAY_NAME_MAX_LENGTH = 100;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const EmailSchema = z
	.string('email_required')
	.transform(normaliseEmail)
	.pipe(
		z
			.string()
			.min(1, 'email_required')
			.max(EMAIL_MAX_LENGTH, 'email_invalid')
			.regex(EMAIL_PATTERN, 'email_invalid')
	);

/**
 * Sign-in: the address only has to be present (a malformed one simply matches nobody, with the
 * same answer as a wrong password); passwords longer than any allowed one are cut off here so a
 * huge body cannot make hashing expensive.
 */
export const SignInSchema = z.object({
	email: z
		.string('email_required')
		.transform(normaliseEmail)
		.pipe(z.string().min(1, 'email_required').max(EMAIL_MAX_LENGTH, 'sign_in_failed')),
	password: z
		.string('password_required')
		.min(1, 'password_required')
		.max(PASSWORD_MAX_LENGTH * 4, 'sign_in_failed')
});

export type SignInInput = z.input<typeof SignInSchema>;

export const CreatePersonSchema = z.object({
	email: EmailSchema,
	displayName: z
		.string('name_required')
		.trim()
		.min(1, 'name_required')
		.max(DISPLAY_NAME_MAX_LENGTH, 'name_too_long'),
	jobTitle: z
		.string()
		.trim()
		.max(DISPLAY_NAME_MAX_LENGTH, 'job_title_too_long')
		.optional()
		.transform((value) => value || null),
	password: z.string('password_required')
});

export type CreatePersonInput = z.input<typeof CreatePersonSchema>;

/** Field name → first problem, for `invalid()`. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		fields[field] ??= issue.message;
	}
	return fields;
}
