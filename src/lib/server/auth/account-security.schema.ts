/** Input schemas of account security; problems are message keys the UI translates. */
import { z } from 'zod';
import { EmailSchema } from './auth.schema';
import { PASSWORD_MAX_LENGTH } from './password.policy';

/** A password being typed to confirm who one is: present, and not absurdly long. */
const CurrentPasswordSchema = z
	.string('current_password_required')
	.min(1, 'current_password_required')
	.max(PASSWORD_MAX_LENGTH * 4, 'current_password_wrong');

/** A new password: its rules live in password.policy.ts (checked by the service). */
const NewPasswordSchema = z.string('password_required');

/** A TOTP or backup code as typed; which one it is, the service decides. */
const CodeSchema = z.string('code_required').trim().min(1, 'code_required').max(40, 'code_invalid');

export const RequestPasswordResetSchema = z.object({ email: EmailSchema });

export const ResetPasswordSchema = z.object({ password: NewPasswordSchema });

export const ChangePasswordSchema = z.object({
	currentPassword: CurrentPasswordSchema,
	newPassword: NewPasswordSchema
});

export const RequestEmailChangeSchema = z.object({
	email: EmailSchema,
	currentPassword: CurrentPasswordSchema
});

export const TwoFactorCodeSchema = z.object({ code: CodeSchema });

export const DisableTwoFactorSchema = z.object({
	currentPassword: CurrentPasswordSchema,
	code: CodeSchema
});

/** Inputs as they come from a form: anything, checked by the schema. */
type Untrusted<T> = { [K in keyof T]: unknown };

export type ChangePasswordInput = Untrusted<z.input<typeof ChangePasswordSchema>>;
export type RequestEmailChangeInput = Untrusted<z.input<typeof RequestEmailChangeSchema>>;
export type DisableTwoFactorInput = Untrusted<z.input<typeof DisableTwoFactorSchema>>;
