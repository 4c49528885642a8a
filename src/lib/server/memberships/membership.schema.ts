/**
 * Input schemas shared by invitations, applications and people management. Problems are message
 * keys the UI translates. Unknown form fields are dropped by zod, so a hidden `role` or
 * `is_coordinator` field added to a form never reaches a use case.
 */
import { z } from 'zod';
import { MUNICIPALITY_ROLES } from '../db/schema';
import { normaliseEmail } from '../text/pseudonym';

export const EMAIL_MAX_LENGTH = 254;
export const NAME_MAX_LENGTH = 100;
export const PHONE_MAX_LENGTH = 50;
export const MESSAGE_MAX_LENGTH = 2000;
export const REASON_MAX_LENGTH = 2000;
/** An association (VVG/GVV) has a handful of members; more in one go is a mistake. */
export const MUNICIPALITIES_PER_INVITATION_MAX = 20;

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

export const AgsSchema = z.string('ags_required').regex(/^\d{8}$/, 'ags_required');

/** A role as a form sends it: any string, checked here. */
export const RoleSchema = z.string('role_invalid').pipe(z.enum(MUNICIPALITY_ROLES, 'role_invalid'));

export const NameSchema = z
	.string('name_required')
	.trim()
	.min(1, 'name_required')
	.max(NAME_MAX_LENGTH, 'name_too_long');

/** Optional text: empty becomes null. */
export function optionalText(max: number, tooLong: string) {
	return z
		.string()
		.trim()
		.max(max, tooLong)
		.nullish()
		.transform((value) => value || null);
}

export const IdSchema = z.coerce.number('not_found').int('not_found').positive('not_found');

/** An HTML checkbox: present ("on") or absent. */
export const CheckboxSchema = z
	.unknown()
	.optional()
	.transform((value) => value === true || value === 'on' || value === 'true');

export const ChangeRoleSchema = z.object({ personId: IdSchema, role: RoleSchema });
export type ChangeRoleInput = z.input<typeof ChangeRoleSchema>;

export const RemovePersonSchema = z.object({ personId: IdSchema });
export type RemovePersonInput = z.input<typeof RemovePersonSchema>;

/** Field name → first problem, for `invalid()`. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		fields[field] ??= issue.message;
	}
	return fields;
}
