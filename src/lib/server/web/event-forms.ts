/** Reads the event form's fields from a submitted form (cut to sane lengths). */
import { formText } from './form-data';

export const EVENT_FORM_FIELDS = [
	'title',
	'kind',
	'description',
	'startDate',
	'startTime',
	'endDate',
	'endTime',
	'location',
	'onlineUrl',
	'organiserMunicipalityId',
	'audience',
	'capacity',
	'isCallForPitchesOpen'
] as const;

export function eventFormValues(
	form: FormData
): Record<(typeof EVENT_FORM_FIELDS)[number], string> {
	const values = {} as Record<(typeof EVENT_FORM_FIELDS)[number], string>;
	for (const field of EVENT_FORM_FIELDS) {
		values[field] = formText(form, field, field === 'description' ? 12_000 : 600);
	}
	return values;
}

/** Reads named text fields of a form at once. */
export function formTexts<K extends string>(
	form: FormData,
	names: readonly K[],
	maxLength = 6000
): Record<K, string> {
	const values = {} as Record<K, string>;
	for (const name of names) values[name] = formText(form, name, maxLength);
	return values;
}
