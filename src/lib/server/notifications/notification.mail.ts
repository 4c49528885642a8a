/**
 * The German notification mails as pure functions: a plain-text part, an HTML alternative with
 * the same content, a link to each item, and one-click unsubscribe (RFC 2369 / RFC 8058).
 */
import type { MailMessageInput } from '../mail';

export interface MailLinks {
	/** Absolute origin of this installation, e.g. `https://netzwerk.example`. */
	origin: string;
	/** The person's unsubscribe token (unsubscribe.ts). */
	unsubscribeToken: string;
}

export interface MailItem {
	title: string;
	/** A path of this installation. */
	url: string;
	occurredAt: string;
}

const trimOrigin = (origin: string) => origin.replace(/\/+$/, '');

export function absoluteLink(origin: string, path: string): string {
	return `${trimOrigin(origin)}${path}`;
}

export function unsubscribeLink(origin: string, token: string): string {
	return `${trimOrigin(origin)}/benachrichtigungen/abbestellen?token=${encodeURIComponent(token)}`;
}

export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** Subjects are one line of at most 200 characters (mail schema). */
function subjectLine(text: string): string {
	const line = text.replace(/[\r\n]+/g, ' ').trim();
	return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

const BERLIN_DATE = new Intl.DateTimeFormat('de-DE', {
	timeZone: 'Europe/Berlin',
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit'
});

export function germanDateTime(iso: string): string {
	return `${BERLIN_DATE.format(new Date(iso))} Uhr`;
}

function footer(networkName: string, links: MailLinks) {
	const settings = absoluteLink(links.origin, '/konto/benachrichtigungen');
	const unsubscribe = unsubscribeLink(links.origin, links.unsubscribeToken);
	return {
		text: [
			'',
			'-- ',
			networkName,
			`Einstellungen zu Benachrichtigungen: ${settings}`,
			`Keine Benachrichtigungen mehr per E-Mail: ${unsubscribe}`
		],
		html: [
			'<hr>',
			`<p>${escapeHtml(networkName)}<br>`,
			`<a href="${escapeHtml(settings)}">Einstellungen zu Benachrichtigungen</a><br>`,
			`<a href="${escapeHtml(unsubscribe)}">Keine Benachrichtigungen mehr per E-Mail</a></p>`
		],
		headers: {
			'List-Unsubscribe': `<${unsubscribe}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
		}
	};
}

function htmlDocument(body: string[]): string {
	return [
		'<!doctype html>',
		'<html lang="de"><head><meta charset="utf-8"></head><body>',
		...body,
		'</body></html>'
	].join('\n');
}

/** One notification, mailed when it happens. */
export function eventMail(input: {
	to: string;
	networkName: string;
	item: MailItem;
	links: MailLinks;
}): MailMessageInput {
	const link = absoluteLink(input.links.origin, input.item.url);
	const end = footer(input.networkName, input.links);
	return {
		to: input.to,
		subject: subjectLine(input.item.title),
		text: [
			'Guten Tag,',
			'',
			`in einem Thema, dem Sie folgen, gibt es Neues (${germanDateTime(input.item.occurredAt)}):`,
			'',
			input.item.title,
			link,
			...end.text
		].join('\n'),
		html: htmlDocument([
			'<p>Guten Tag,</p>',
			`<p>in einem Thema, dem Sie folgen, gibt es Neues (${escapeHtml(germanDateTime(input.item.occurredAt))}):</p>`,
			`<p><a href="${escapeHtml(link)}">${escapeHtml(input.item.title)}</a></p>`,
			...end.html
		]),
		headers: end.headers
	};
}

/** Every notification not yet mailed, once a day or once a week. */
export function digestMail(input: {
	to: string;
	networkName: string;
	period: 'daily' | 'weekly';
	items: readonly MailItem[];
	links: MailLinks;
}): MailMessageInput {
	const count = input.items.length;
	const what = count === 1 ? '1 neue Benachrichtigung' : `${count} neue Benachrichtigungen`;
	const label = input.period === 'daily' ? 'Tagesübersicht' : 'Wochenübersicht';
	const end = footer(input.networkName, input.links);
	const centre = absoluteLink(input.links.origin, '/benachrichtigungen');
	return {
		to: input.to,
		subject: subjectLine(`${label}: ${what} – ${input.networkName}`),
		text: [
			'Guten Tag,',
			'',
			`hier ist Ihre ${label} mit ${what}:`,
			'',
			...input.items.flatMap((item) => [
				`- ${item.title} (${germanDateTime(item.occurredAt)})`,
				`  ${absoluteLink(input.links.origin, item.url)}`
			]),
			'',
			`Alle Benachrichtigungen: ${centre}`,
			...end.text
		].join('\n'),
		html: htmlDocument([
			'<p>Guten Tag,</p>',
			`<p>hier ist Ihre ${label} mit ${escapeHtml(what)}:</p>`,
			'<ul>',
			...input.items.map(
				(item) =>
					`<li><a href="${escapeHtml(absoluteLink(input.links.origin, item.url))}">${escapeHtml(item.title)}</a> (${escapeHtml(germanDateTime(item.occurredAt))})</li>`
			),
			'</ul>',
			`<p><a href="${escapeHtml(centre)}">Alle Benachrichtigungen</a></p>`,
			...end.html
		]),
		headers: end.headers
	};
}
