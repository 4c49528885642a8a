/** Input of inviting people and of accepting an invitation. */
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../auth/password.policy';
import {
	AgsSchema,
	CheckboxSchema,
	EmailSchema,
	IdSchema,
	MUNICIPALITIES_PER_INVITATION_MAX,
	NAME_MAX_LENGTH,
	NameSchema,
	optionalText,
	RoleSchema
} from './membership.schema';

/**
 * An invitation into one municipality, or several of one association (VVG/GVV). Which
 * municipalities and which role come from here only; the use case checks both against the
 * actor's rights.
 */
export const InviteSchema = z.object({
	email: EmailSchema,
	displayName: optionalText(NAME_MAX_LENGTH, 'name_too_long'),
	role: RoleSchema,
	ags: z
		.array(AgsSchema, 'ags_required')
		.min(1, 'ags_required')
		.max(MUNICIPALITIES_PER_INVITATION_MAX, 'too_many_municipalities')
		.transform((list) => [...new Set(list)]),
	/** Adds the other non-member municipalities of the (first) municipality's association. */
	includeAssociation: CheckboxSchema
});
export type InviteInput = z.input<typeof InviteSchema>;

export const InvitationIdSchema = z.object({ invitationId: IdSchema });
export type InvitationIdInput = z.input<typeof InvitationIdSchema>;

/** A new account from an invitation: the address comes from the invitation, never from here. */
export const AcceptWithNewAccountSchema = z
	.object({
		displayName: NameSchema,
		jobTitle: optionalText(NAME_MAX_LENGTH, 'job_title_too_long'),
		password: z
			.string('password_required')
			.min(1, 'password_required')
			.max(PASSWORD_MAX_LENGTH * 4, 'password_too_long'),
		passwordRepeat: z.string('password_repeat_required')
	})
	.superRefine((value, context) => {
		if (value.password !== value.passwordRepeat) {
			context.addIssue({
				code: 'custom',
				path: ['passwordRepeat'],
				message: 'password_mismatch'
			});
		}
	});
export type AcceptWithNewAccountInput = z.input<typeof AcceptWithNewAccountSchema>;
