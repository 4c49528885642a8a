/**
 * The German mails of reuse requests, as pure functions: plain text with the absolute link to
 * the request (/nachnutzung/[id]).
 */
import type { ReuseRequestStatus } from '../db/schema';

export interface MailText {
	to: string;
	subject: string;
	text: string;
}

export const REUSE_STATUS_LABELS_DE: Record<ReuseRequestStatus, string> = {
	open: 'Offen',
	in_discussion: 'Im Gespräch',
	adopted: 'Übernommen',
	declined: 'Abgelehnt',
	withdrawn: 'Zurückgezogen'
};

export function reuseRequestLink(origin: string, requestId: number): string {
	return `${origin.replace(/\/+$/, '')}/nachnutzung/${requestId}`;
}

const signature = (networkName: string) => `\n-- \n${networkName}\n`;

/** To the owner's contact people: someone wants what you built. */
export function newReuseRequestMail(input: {
	to: string;
	networkName: string;
	requesterName: string | null;
	requestingMunicipalityName: string;
	ownerMunicipalityName: string;
	subjectKind: 'project' | 'product';
	subjectTitle: string;
	message: string;
	link: string;
}): MailText {
	const what =
		input.subjectKind === 'project'
			? `Ihr Projekt „${input.subjectTitle}“`
			: `die Lösung „${input.subjectTitle}“, die ${input.ownerMunicipalityName} einsetzt`;
	const who = input.requesterName
		? `${input.requesterName} (${input.requestingMunicipalityName})`
		: input.requestingMunicipalityName;
	return {
		to: input.to,
		subject: `Nachnutzung angefragt: ${input.subjectTitle}`,
		text: [
			'Guten Tag,',
			'',
			`${who} möchte ${what} nachnutzen: „Das wollen wir auch“.`,
			'',
			'Nachricht:',
			input.message,
			'',
			'Sie können die Anfrage hier ansehen und beantworten:',
			input.link,
			signature(input.networkName)
		].join('\n')
	};
}

/** To the requesting person: the owner side answered (or to the owner: it was withdrawn). */
export function reuseStatusMail(input: {
	to: string;
	networkName: string;
	status: ReuseRequestStatus;
	subjectTitle: string;
	otherMunicipalityName: string;
	actorName: string | null;
	note: string | null;
	link: string;
}): MailText {
	const label = REUSE_STATUS_LABELS_DE[input.status];
	const by = input.actorName
		? `${input.actorName} (${input.otherMunicipalityName})`
		: input.otherMunicipalityName;
	const sentence: Record<ReuseRequestStatus, string> = {
		open: `die Anfrage zu „${input.subjectTitle}“ ist offen.`,
		in_discussion: `${by} hat Ihre Anfrage zur Nachnutzung von „${input.subjectTitle}“ aufgenommen: Sie sind jetzt im Gespräch.`,
		adopted: `${by} hat Ihre Anfrage zur Nachnutzung von „${input.subjectTitle}“ als übernommen markiert. Bitte verknüpfen Sie auf der Seite der Anfrage Ihr eigenes Projekt.`,
		declined: `${by} hat Ihre Anfrage zur Nachnutzung von „${input.subjectTitle}“ abgelehnt.`,
		withdrawn: `${by} hat die Anfrage zur Nachnutzung von „${input.subjectTitle}“ zurückgezogen.`
	};
	return {
		to: input.to,
		subject: `Nachnutzung „${input.subjectTitle}“: ${label}`,
		text: [
			'Guten Tag,',
			'',
			sentence[input.status],
			...(input.note ? ['', 'Anmerkung:', input.note] : []),
			'',
			'Zur Anfrage:',
			input.link,
			signature(input.networkName)
		].join('\n')
	};
}
