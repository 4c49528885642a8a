/** Input schemas of profiles, the directory, notification settings and account deletion. */
import { z } from 'zod';
import { CONTACT_VISIBILITIES } from '../db/schema';
import { filterText as filterTextSchema, splitTags } from '../text/input';

export const PROFILE_LIMITS = {
	displayName: 100,
	jobTitle: 100,
	phone: 40,
	about: 1000,
	tag: 40,
	tags: 10
} as const;

/** Digits with the usual separators, optionally a leading plus; at least three digits. */
const PHONE_PATTERN = /^\+?[0-9 ()/.-]+$/;

/**
 * Free short tags as typed (comma- or line-separated text, or a list): trimmed, empty ones
 * dropped, and the same tag twice (by its German sort key: "E-Akte" = "e akte") kept once.
 */
function tagList(tooLong: string, tooMany: string) {
	return z
		.union([z.string(), z.array(z.string())])
		.default([])
		.transform(splitTags)
		.pipe(z.array(z.string().max(PROFILE_LIMITS.tag, tooLong)).max(PROFILE_LIMITS.tags, tooMany));
}

const optionalText = (max: number, tooLong: string) =>
	z
		.string()
		.trim()
		.max(max, tooLong)
		.optional()
		.transform((value) => value || null);

export const ContactVisibilitySchema = z.enum(CONTACT_VISIBILITIES, 'visibility_invalid');

/** The profile form at /konto. Problems are message keys (people_error_*). */
export const UpdateProfileSchema = z.object({
	displayName: z
		.string('name_required')
		.trim()
		.min(1, 'name_required')
		.max(PROFILE_LIMITS.displayName, 'name_too_long'),
	jobTitle: optionalText(PROFILE_LIMITS.jobTitle, 'job_title_too_long'),
	phone: z
		.string()
		.trim()
		.max(PROFILE_LIMITS.phone, 'phone_invalid')
		.optional()
		.transform((value) => value || null)
		.refine(
			(value) =>
				value === null || (PHONE_PATTERN.test(value) && value.replace(/\D/g, '').length >= 3),
			'phone_invalid'
		),
	about: optionalText(PROFILE_LIMITS.about, 'about_too_long'),
	expertise: tagList('tag_too_long', 'tags_too_many'),
	topics: tagList('tag_too_long', 'tags_too_many'),
	emailVisibility: ContactVisibilitySchema,
	phoneVisibility: ContactVisibilitySchema,
	isListed: z.boolean()
});
export type UpdateProfileInput = z.input<typeof UpdateProfileSchema>;
export type ProfileValues = z.output<typeof UpdateProfileSchema>;

/**
 * What a person wants to be told by mail. Stored as JSON; a missing or unreadable setting reads
 * as its default, so settings added later need no migration.
 */
export const NotificationSettingsSchema = z.object({
	/** A weekly summary of what happened in the network: off unless chosen. */
	weeklyDigest: z.boolean().default(false).catch(false),
	/** A mail when someone answers in a discussion the person takes part in. */
	mailOnReply: z.boolean().default(true).catch(true),
	/** A mail when a municipality asks to reuse one of the person's solutions. */
	mailOnReuseRequest: z.boolean().default(true).catch(true)
});
export type NotificationSettings = z.output<typeof NotificationSettingsSchema>;
export type NotificationSettingsInput = z.input<typeof NotificationSettingsSchema>;
export const NOTIFICATION_SETTING_KEYS = Object.keys(
	NotificationSettingsSchema.shape
) as (keyof NotificationSettings)[];

/** Reads stored settings; anything unreadable becomes the defaults. */
export function parseNotificationSettings(stored: unknown): NotificationSettings {
	const value = typeof stored === 'string' ? safeJson(stored) : stored;
	return NotificationSettingsSchema.parse(
		value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {}
	);
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return {};
	}
}

/** Deleting one's own account: the current password and an explicit confirmation. */
export const DeleteAccountSchema = z.object({
	password: z.string('password_required').min(1, 'password_required').max(1024, 'password_wrong'),
	confirm: z.literal(true, 'deletion_confirm_required')
});
export type DeleteAccountInput = z.input<typeof DeleteAccountSchema>;

export const DIRECTORY_PAGE_SIZE = 24;

const filterText = filterTextSchema();

/**
 * Filters of the people directory, as they come from a query string. Malformed values fall back
 * to "no filter": an outdated link still shows a list.
 */
export const DirectoryFilterSchema = z.object({
	q: filterText,
	expertise: filterText,
	topic: filterText,
	municipality: z
		.string()
		.regex(/^\d{8}$/)
		.optional()
		.catch(undefined),
	page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1)
});
export type DirectoryFilter = z.output<typeof DirectoryFilterSchema>;

/** Reads the directory filters from URL search parameters (empty values count as absent). */
export function parseDirectoryFilter(params: URLSearchParams): DirectoryFilter {
	const entries: Record<string, string> = {};
	for (const key of ['q', 'expertise', 'topic', 'municipality', 'page']) {
		const value = params.get(key);
		if (value !== null && value !== '') entries[key] = value;
	}
	return DirectoryFilterSchema.parse(entries);
}

/** Field name → first problem, for `invalid()`. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		fields[field] ??= issue.message;
	}
	return fields;
}
