/**
 * The German mails of event registrations, as pure functions: plain text with the event's time
 * in local time and the absolute link to the event page.
 */
import { formatLocalRange } from './event.time';

export interface MailText {
	to: string;
	subject: string;
	text: string;
}

export interface MailEvent {
	id: number;
	title: string;
	startsAt: string;
	endsAt: string;
	timeZone: string;
	location: string;
	onlineUrl: string | null;
}

export type RegistrationMailKind = 'confirmed' | 'waiting' | 'promoted' | 'cancelled' | 'reminder';

export function eventLink(origin: string, eventId: number): string {
	return `${origin.replace(/\/+$/, '')}/termine/${eventId}`;
}

/** When and where; the online link only for those with a place (`withLink`). */
function place(event: MailEvent, withLink: boolean): string[] {
	const lines = [`Wann: ${formatLocalRange(event.startsAt, event.endsAt, event.timeZone)}`];
	if (event.location) lines.push(`Wo: ${event.location}`);
	if (event.onlineUrl) {
		lines.push(
			withLink ? `Online: ${event.onlineUrl}` : 'Online: Den Link erhalten Sie mit Ihrem Platz.'
		);
	}
	return lines;
}

const SENTENCES: Record<
	RegistrationMailKind,
	{ subject: string; sentence: (title: string) => string }
> = {
	confirmed: {
		subject: 'Anmeldung bestätigt',
		sentence: (title) => `Ihre Anmeldung zu „${title}“ ist bestätigt. Ihr Platz ist reserviert.`
	},
	waiting: {
		subject: 'Warteliste',
		sentence: (title) =>
			`„${title}“ ist ausgebucht. Sie stehen auf der Warteliste und erhalten eine E-Mail, sobald ein Platz für Sie frei wird.`
	},
	promoted: {
		subject: 'Platz frei geworden',
		sentence: (title) =>
			`Für „${title}“ ist ein Platz frei geworden. Sie sind von der Warteliste nachgerückt und jetzt fest angemeldet.`
	},
	cancelled: {
		subject: 'Abmeldung bestätigt',
		sentence: (title) => `Sie haben sich von „${title}“ abgemeldet.`
	},
	reminder: {
		subject: 'Erinnerung',
		sentence: (title) => `Zur Erinnerung: „${title}“ beginnt bald. Sie sind angemeldet.`
	}
};

export function registrationMail(input: {
	kind: RegistrationMailKind;
	to: string;
	networkName: string;
	event: MailEvent;
	/** The event page for members; a guest's own cancel link for guests. */
	link: string;
	isGuest?: boolean;
}): MailText {
	const { subject, sentence } = SENTENCES[input.kind];
	const linkLine =
		input.kind === 'cancelled'
			? input.isGuest
				? 'Sie können sich auf der Seite des Termins jederzeit wieder anmelden.'
				: 'Sie können sich jederzeit wieder anmelden:'
			: input.isGuest
				? 'Falls Sie nicht teilnehmen können, melden Sie sich bitte über diesen Link ab:'
				: 'Sie können sich hier auch wieder abmelden:';
	return {
		to: input.to,
		subject: `${subject}: ${input.event.title}`,
		text: [
			'Guten Tag,',
			'',
			sentence(input.event.title),
			'',
			...place(input.event, input.kind !== 'waiting' && input.kind !== 'cancelled'),
			'',
			linkLine,
			...(input.isGuest && input.kind === 'cancelled' ? [] : [input.link]),
			`\n-- \n${input.networkName}\n`
		].join('\n')
	};
}

/** A message of the organisers to everyone registered. */
export function attendeeMessageMail(input: {
	to: string;
	networkName: string;
	senderName: string;
	event: MailEvent;
	subject: string;
	message: string;
	link: string;
	/** Whether the recipient holds a place (and so gets the online link). */
	hasPlace: boolean;
}): MailText {
	return {
		to: input.to,
		subject: `${input.event.title}: ${input.subject}`,
		text: [
			'Guten Tag,',
			'',
			`${input.senderName} schreibt allen Angemeldeten von „${input.event.title}“:`,
			'',
			input.message,
			'',
			...place(input.event, input.hasPlace),
			input.link,
			`\n-- \n${input.networkName}\n`
		].join('\n')
	};
}

/** The mail to a guest with the single-use link that confirms the address and takes the place. */
export function guestConfirmationMail(input: {
	to: string;
	name: string;
	networkName: string;
	event: MailEvent;
	link: string;
	validHours: number;
}): MailText {
	return {
		to: input.to,
		subject: `Bitte bestätigen Sie Ihre Anmeldung: ${input.event.title}`,
		text: [
			`Guten Tag ${input.name},`,
			'',
			`Sie möchten sich als Gast zu „${input.event.title}“ anmelden. Bitte bestätigen Sie Ihre E-Mail-Adresse über diesen Link; erst dann ist Ihre Anmeldung gültig:`,
			input.link,
			'',
			`Der Link ist ${input.validHours} Stunden gültig und kann einmal verwendet werden.`,
			'Wenn Sie sich nicht angemeldet haben, können Sie diese E-Mail ignorieren.',
			'',
			...place(input.event, false),
			`\n-- \n${input.networkName}\n`
		].join('\n')
	};
}

/** A guest asked again while registered: the state and the cancel link. */
export function guestAlreadyRegisteredMail(input: {
	to: string;
	networkName: string;
	event: MailEvent;
	waiting: boolean;
	link: string;
}): MailText {
	return {
		to: input.to,
		subject: `Sie sind bereits angemeldet: ${input.event.title}`,
		text: [
			'Guten Tag,',
			'',
			input.waiting
				? `Sie stehen für „${input.event.title}“ bereits auf der Warteliste.`
				: `Sie sind für „${input.event.title}“ bereits angemeldet.`,
			'',
			...place(input.event, !input.waiting),
			'',
			'Falls Sie nicht teilnehmen können, melden Sie sich bitte über diesen Link ab:',
			input.link,
			`\n-- \n${input.networkName}\n`
		].join('\n')
	};
}
