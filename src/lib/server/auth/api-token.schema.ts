/** Input schemas of personal API tokens; problems are message keys the UI translates. */
import { z } from 'zod';
import { API_TOKEN_SCOPES } from '../db/schema';
import { EmailSchema } from './auth.schema';

export const API_TOKEN_NAME_MAX_LENGTH = 80;
/** No token lives longer than a year (decision 0013). */
export const API_TOKEN_MAX_DAYS = 365;
/** The lifetimes the account page offers. The CLI takes any whole number up to the maximum. */
export const API_TOKEN_DAY_CHOICES = [30, 90, 365] as const;

const NameSchema = z
	.string('api_token_name_required')
	.trim()
	.min(1, 'api_token_name_required')
	.max(API_TOKEN_NAME_MAX_LENGTH, 'api_token_name_too_long');

const ScopeSchema = z.enum(API_TOKEN_SCOPES, 'api_token_scope_required');

/** Days from a form (text) or the CLI (number); required, 1 to 365. */
const DaysSchema = z
	.preprocess(
		(value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
		z.union([z.number(), z.string()], 'api_token_days_required')
	)
	.transform((value) => (typeof value === 'string' ? Number(value.trim()) : value))
	.pipe(
		z
			.number('api_token_days_invalid')
			.int('api_token_days_invalid')
			.min(1, 'api_token_days_invalid')
			.max(API_TOKEN_MAX_DAYS, 'api_token_days_invalid')
	);

export const CreateApiTokenSchema = z.object({
	name: NameSchema,
	scope: ScopeSchema,
	days: DaysSchema
});

export type CreateApiTokenInput = z.input<typeof CreateApiTokenSchema>;

/** Input as it comes from a form or the CLI, before parsing. */
export type CreateApiTokenRequest = { [K in keyof CreateApiTokenInput]: unknown };

/** The operator's `token create`: the same, for a person named by e-mail address. */
export const CreateApiTokenForPersonSchema = CreateApiTokenSchema.extend({ email: EmailSchema });

export type CreateApiTokenForPersonInput = z.input<typeof CreateApiTokenForPersonSchema>;

export type CreateApiTokenForPersonRequest = {
	[K in keyof CreateApiTokenForPersonInput]: unknown;
};

/** Token ids from URLs and forms: a positive integer, anything else matches nothing. */
export const ApiTokenIdSchema = z.coerce.number().int().positive().max(2_147_483_647);
