/**
 * The German mails of joining the network, as pure functions: plain text, with absolute links
 * built from the origin the route passes in.
 */
import type { MunicipalityRole } from '../db/schema';
import { NETWORK_TIME_ZONE } from '../audit/day-range';

export interface MailText {
	to: string;
	subject: string;
	text: string;
}

const dateTime = new Intl.DateTimeFormat('de-DE', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	timeZone: NETWORK_TIME_ZONE
});

/** "25. November 2026, 13:00 Uhr" in German time. */
export function formatGermanDateTime(date: Date): string {
	return `${dateTime.format(date)} Uhr`;
}

/** "Gengenbach", "Gengenbach und Ohlsbach", "Berghaupten, Gengenbach und Ohlsbach". */
export function joinNames(names: readonly string[]): string {
	if (names.length <= 1) return names[0] ?? '';
	return `${names.slice(0, -1).join(', ')} und ${names[names.length - 1]}`;
}

export function roleLabel(role: MunicipalityRole): string {
	return role === 'admin' ? 'Administration der Kommune' : 'Mitglied';
}

export function invitationLink(origin: string, token: string): string {
	return `${origin.replace(/\/+$/, '')}/einladung/${token}`;
}

const signature = (networkName: string) => `\n-- \n${networkName}\n`;

export function invitationMail(input: {
	to: string;
	networkName: string;
	inviterName: string | null;
	municipalityNames: readonly string[];
	role: MunicipalityRole;
	link: string;
	expiresAt: Date;
	/** Set when the invitation follows an accepted application. */
	isApplicationAccepted?: boolean;
	reason?: string | null;
}): MailText {
	const where = joinNames(input.municipalityNames);
	const lines = input.isApplicationAccepted
		? [
				'Guten Tag,',
				'',
				`Ihr Antrag auf Mitgliedschaft im ${input.networkName} wurde angenommen: ${where} ${input.municipalityNames.length > 1 ? 'sind' : 'ist'} jetzt Mitglied.`,
				...(input.reason ? ['', `Anmerkung der Netzwerkkoordination: ${input.reason}`] : []),
				'',
				`Sie sind eingeladen, die Kommune im Netzwerk zu verwalten (Rolle: ${roleLabel(input.role)}).`
			]
		: [
				'Guten Tag,',
				'',
				`${input.inviterName ?? 'Die Netzwerkkoordination'} lädt Sie in das ${input.networkName} ein.`,
				`Kommune: ${where}`,
				`Rolle: ${roleLabel(input.role)}`
			];
	lines.push(
		'',
		'Um die Einladung anzunehmen, öffnen Sie diesen Link:',
		input.link,
		'',
		`Der Link gilt bis ${formatGermanDateTime(input.expiresAt)} und lässt sich nur einmal verwenden.`,
		'Wenn Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail einfach löschen.',
		signature(input.networkName)
	);
	return {
		to: input.to,
		subject: input.isApplicationAccepted
			? `Willkommen im ${input.networkName}`
			: `Einladung in das ${input.networkName}`,
		text: lines.join('\n')
	};
}

export function applicationReceivedMail(input: {
	to: string;
	networkName: string;
	contactName: string;
	municipalityNames: readonly string[];
}): MailText {
	return {
		to: input.to,
		subject: `Ihr Antrag auf Mitgliedschaft im ${input.networkName}`,
		text: [
			`Guten Tag ${input.contactName},`,
			'',
			`vielen Dank für Ihren Antrag auf Mitgliedschaft für ${joinNames(input.municipalityNames)}.`,
			'Die Netzwerkkoordination prüft ihn und meldet sich bei Ihnen per E-Mail.',
			'',
			'Wenn Sie diesen Antrag nicht gestellt haben, können Sie diese E-Mail einfach löschen.',
			signature(input.networkName)
		].join('\n')
	};
}

export function applicationNoticeMail(input: {
	to: string;
	networkName: string;
	municipalityNames: readonly string[];
	link: string;
}): MailText {
	return {
		to: input.to,
		subject: `Neuer Antrag auf Mitgliedschaft: ${joinNames(input.municipalityNames)}`,
		text: [
			'Guten Tag,',
			'',
			`es liegt ein neuer Antrag auf Mitgliedschaft vor: ${joinNames(input.municipalityNames)}.`,
			'Sie können ihn hier annehmen oder ablehnen:',
			input.link,
			signature(input.networkName)
		].join('\n')
	};
}

export function applicationRejectedMail(input: {
	to: string;
	networkName: string;
	contactName: string;
	municipalityNames: readonly string[];
	reason: string;
}): MailText {
	return {
		to: input.to,
		subject: `Ihr Antrag auf Mitgliedschaft im ${input.networkName}`,
		text: [
			`Guten Tag ${input.contactName},`,
			'',
			`die Netzwerkkoordination hat Ihren Antrag auf Mitgliedschaft für ${joinNames(input.municipalityNames)} leider abgelehnt.`,
			'',
			'Begründung:',
			input.reason,
			'',
			'Bei Fragen antworten Sie gern der Netzwerkkoordination.',
			signature(input.networkName)
		].join('\n')
	};
}
