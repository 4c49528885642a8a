/** The signed-in person's own profile (/konto) and notification settings. */
import type { Ctx } from '../context';
import { inTransaction, json } from '../db';
import type { ContactVisibility } from '../db/schema';
import { forbidden, invalid, notFound } from '../errors';
import { germanSortKey } from '../text/sort-key';
import { unauthenticated, type PersonMunicipality } from './directory.service';
import { canEditOwnProfile, canUseDirectory } from './person.policy';
import {
	findExpertiseOf,
	findMembershipsOf,
	findNotificationSettingsJson,
	findProfileRow,
	findTopicsOf,
	replaceExpertise,
	replaceTopics,
	updateNotificationSettingsJson,
	updateProfileRow
} from './person.repository';
import {
	fieldErrorsOf,
	NotificationSettingsSchema,
	parseNotificationSettings,
	UpdateProfileSchema,
	type NotificationSettings,
	type NotificationSettingsInput,
	type UpdateProfileInput
} from './person.schema';

export interface OwnProfile {
	id: number;
	email: string;
	displayName: string;
	jobTitle: string | null;
	phone: string | null;
	about: string | null;
	expertise: string[];
	topics: string[];
	emailVisibility: ContactVisibility;
	phoneVisibility: ContactVisibility;
	isListed: boolean;
	municipalities: PersonMunicipality[];
}

/** The signed-in person's profile, as the form shows it. */
export async function getOwnProfile(ctx: Ctx): Promise<OwnProfile> {
	const actor = ctx.actor;
	if (!canUseDirectory(actor)) throw unauthenticated();
	const row = await findProfileRow(ctx.db, actor.personId);
	if (!row || row.deleted_at !== null) throw notFound('person');
	const [memberships, expertise, topics] = await Promise.all([
		findMembershipsOf(ctx.db, [row.id]),
		findExpertiseOf(ctx.db, [row.id]),
		findTopicsOf(ctx.db, [row.id])
	]);
	return {
		id: row.id,
		email: row.email,
		displayName: row.display_name,
		jobTitle: row.job_title,
		phone: row.phone,
		about: row.about,
		expertise: expertise.map((e) => e.tag),
		topics: topics.map((t) => t.topic),
		emailVisibility: row.email_visibility,
		phoneVisibility: row.phone_visibility,
		isListed: row.is_listed,
		municipalities: memberships.map((m) => ({ ags: m.ags, name: m.name, role: m.role }))
	};
}

/**
 * Saves the signed-in person's profile: name (with its sort key), function, phone, short text,
 * expertise and topics, who sees e-mail and phone, and whether the directory lists them.
 * Throws INVALID with the first problem per field (message keys); changes nothing then.
 */
export async function updateProfile(ctx: Ctx, input: UpdateProfileInput): Promise<void> {
	const actor = ctx.actor;
	if (!canUseDirectory(actor)) throw unauthenticated();
	if (!canEditOwnProfile(actor)) throw forbidden('read-only token');
	const parsed = UpdateProfileSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const values = parsed.data;
	const nowIso = ctx.now().toISOString();
	await inTransaction(ctx.db, async (tx) => {
		await updateProfileRow(tx, actor.personId, {
			display_name: values.displayName,
			name_sort: germanSortKey(values.displayName),
			job_title: values.jobTitle,
			phone: values.phone,
			about: values.about,
			email_visibility: values.emailVisibility,
			phone_visibility: values.phoneVisibility,
			is_listed: values.isListed,
			updated_at: nowIso
		});
		await replaceExpertise(
			tx,
			actor.personId,
			values.expertise.map((tag) => ({ tag, tag_sort: germanSortKey(tag) }))
		);
		await replaceTopics(
			tx,
			actor.personId,
			values.topics.map((topic) => ({ topic, topic_sort: germanSortKey(topic) }))
		);
	});
}

/** The signed-in person's notification settings, defaults filled in. */
export async function getNotificationSettings(ctx: Ctx): Promise<NotificationSettings> {
	const actor = ctx.actor;
	if (!canUseDirectory(actor)) throw unauthenticated();
	return parseNotificationSettings(await findNotificationSettingsJson(ctx.db, actor.personId));
}

/** Notification settings of any person, for the modules that send mail (digest, replies). */
export async function notificationSettingsOf(
	ctx: Pick<Ctx, 'db'>,
	personId: number
): Promise<NotificationSettings> {
	return parseNotificationSettings(await findNotificationSettingsJson(ctx.db, personId));
}

/** Saves the signed-in person's notification settings (all of them at once). */
export async function updateNotificationSettings(
	ctx: Ctx,
	input: NotificationSettingsInput
): Promise<NotificationSettings> {
	const actor = ctx.actor;
	if (!canUseDirectory(actor)) throw unauthenticated();
	if (!canEditOwnProfile(actor)) throw forbidden('read-only token');
	const parsed = NotificationSettingsSchema.strict().safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	await updateNotificationSettingsJson(
		ctx.db,
		actor.personId,
		json(parsed.data),
		ctx.now().toISOString()
	);
	return parsed.data;
}
