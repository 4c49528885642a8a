/**
 * Input schemas of events, registrations and the programme. Problems are message keys
 * (`events_error_<code>` in the UI). Form values arrive as strings; dates and times are local
 * wall-clock values in Europe/Berlin and become UTC instants here.
 */
import { z } from 'zod';
import { EVENT_AUDIENCES, EVENT_KINDS } from '../db/schema';
import { localToInstant } from './event.time';

export const TITLE_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 10_000;
export const MESSAGE_MAX_LENGTH = 5000;

/** What a form submits for a schema: every field as an unknown value (strings in practice). */
export type FormInput<S extends z.ZodType> = { [K in keyof z.input<S>]?: unknown };

export const IdSchema = z.coerce.number('not_found').int('not_found').positive('not_found');

const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, 'too_long')
		.nullish()
		.transform((value) => value ?? '');

const httpUrl = z
	.string()
	.trim()
	.max(500, 'too_long')
	.nullish()
	.transform((value) => value || null)
	.refine((value) => value === null || /^https?:\/\/[^\s]+$/i.test(value), 'url_invalid');

const localDate = z.string('date_required').trim().min(1, 'date_required');
const localTime = z.string('time_required').trim().min(1, 'time_required');

/** Adds `startsAt`/`endsAt` from the four local fields, with a problem next to the wrong one. */
function withInstants<
	T extends { startDate: string; startTime: string; endDate: string; endTime: string }
>(value: T, context: z.RefinementCtx): (T & { startsAt: Date; endsAt: Date }) | typeof z.NEVER {
	const startsAt = localToInstant(value.startDate, value.startTime);
	const endsAt = localToInstant(value.endDate, value.endTime);
	if (!startsAt) context.addIssue({ code: 'custom', path: ['startTime'], message: 'time_invalid' });
	if (!endsAt) context.addIssue({ code: 'custom', path: ['endTime'], message: 'time_invalid' });
	if (!startsAt || !endsAt) return z.NEVER;
	if (endsAt <= startsAt) {
		context.addIssue({ code: 'custom', path: ['endTime'], message: 'end_before_start' });
		return z.NEVER;
	}
	return { ...value, startsAt, endsAt };
}

export const EventInputSchema = z
	.object({
		title: z
			.string('title_required')
			.trim()
			.min(1, 'title_required')
			.max(TITLE_MAX_LENGTH, 'too_long'),
		kind: z.enum(EVENT_KINDS, 'kind_invalid'),
		description: optionalText(DESCRIPTION_MAX_LENGTH),
		startDate: localDate,
		startTime: localTime,
		endDate: localDate,
		endTime: localTime,
		location: optionalText(300),
		onlineUrl: httpUrl,
		organiserMunicipalityId: z
			.union([z.literal(''), z.coerce.number().int().positive()], 'organiser_invalid')
			.nullish()
			.transform((value) => (value === '' || value === undefined ? null : value)),
		audience: z.enum(EVENT_AUDIENCES, 'audience_invalid'),
		capacity: z
			.union(
				[z.literal(''), z.coerce.number().int('capacity_invalid').min(1, 'capacity_invalid')],
				'capacity_invalid'
			)
			.nullish()
			.transform((value) => (value === '' || value === undefined ? null : value)),
		isCallForPitchesOpen: z
			.union([z.boolean(), z.literal('on'), z.literal(''), z.literal('true')])
			.nullish()
			.transform((value) => value === true || value === 'on' || value === 'true')
	})
	.transform(withInstants)
	.refine((value) => value.location !== '' || value.onlineUrl !== null, {
		path: ['location'],
		message: 'place_required'
	});
export type EventInput = FormInput<typeof EventInputSchema>;
export type EventValues = z.output<typeof EventInputSchema>;

export const SessionInputSchema = z
	.object({
		title: z
			.string('title_required')
			.trim()
			.min(1, 'title_required')
			.max(TITLE_MAX_LENGTH, 'too_long'),
		description: optionalText(DESCRIPTION_MAX_LENGTH),
		startDate: localDate,
		startTime: localTime,
		endDate: localDate,
		endTime: localTime,
		room: optionalText(200),
		speakers: optionalText(500)
	})
	.transform(withInstants);
export type SessionInput = FormInput<typeof SessionInputSchema>;

export const ProposePitchSchema = z.object({
	projectId: z.coerce
		.number('project_required')
		.int('project_required')
		.positive('project_required'),
	description: optionalText(DESCRIPTION_MAX_LENGTH)
});
export type ProposePitchInput = FormInput<typeof ProposePitchSchema>;

/** Accepting a pitch gives it its place in the programme. */
export const AcceptPitchSchema = z
	.object({
		startDate: localDate,
		startTime: localTime,
		endDate: localDate,
		endTime: localTime,
		room: optionalText(200)
	})
	.transform(withInstants);
export type AcceptPitchInput = FormInput<typeof AcceptPitchSchema>;

export const RatePitchSchema = z.object({
	stars: z.coerce
		.number('stars_invalid')
		.int('stars_invalid')
		.min(1, 'stars_invalid')
		.max(5, 'stars_invalid')
});

export const RecordingSchema = z.object({ recordingUrl: httpUrl });

export const AttendeeMessageSchema = z.object({
	subject: z.string('subject_required').trim().min(1, 'subject_required').max(150, 'too_long'),
	message: z
		.string('message_required')
		.trim()
		.min(1, 'message_required')
		.max(MESSAGE_MAX_LENGTH, 'too_long')
});
export type AttendeeMessageInput = FormInput<typeof AttendeeMessageSchema>;
