/**
 * The mails of account security, in German with a plain-text part. Pure: the services pass the
 * network's name and the links (absolute, built from the origin the route hands in).
 */

export interface AccountMail {
	subject: string;
	text: string;
}

const signature = (network: string) => `Mit freundlichen Grüßen\n${network}`;

const greeting = (name: string) => `Guten Tag ${name},`;

/** The link to a page with a token, on the given origin. */
export function accountLink(origin: string, path: string, token: string): string {
	return `${origin.replace(/\/+$/, '')}${path}/${encodeURIComponent(token)}`;
}

export function passwordResetMail(input: {
	network: string;
	displayName: string;
	link: string;
}): AccountMail {
	return {
		subject: `Passwort zurücksetzen – ${input.network}`,
		text: [
			greeting(input.displayName),
			'',
			`für Ihr Konto bei ${input.network} wurde ein neues Passwort angefordert. Über diesen Link legen Sie es fest:`,
			'',
			input.link,
			'',
			'Der Link gilt eine Stunde und funktioniert nur einmal.',
			'',
			'Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren. Ihr Passwort bleibt dann unverändert.',
			'',
			signature(input.network)
		].join('\n')
	};
}

export function passwordChangedMail(input: {
	network: string;
	displayName: string;
	origin: string;
}): AccountMail {
	return {
		subject: 'Ihr Passwort wurde geändert',
		text: [
			greeting(input.displayName),
			'',
			`das Passwort Ihres Kontos bei ${input.network} wurde soeben geändert.`,
			'',
			'Wenn Sie das selbst waren, ist nichts weiter zu tun.',
			'',
			'Wenn nicht, setzen Sie Ihr Passwort bitte sofort über „Passwort vergessen?“ zurück und informieren Sie die Netzwerkkoordination:',
			'',
			`${input.origin.replace(/\/+$/, '')}/passwort-vergessen`,
			'',
			signature(input.network)
		].join('\n')
	};
}

export function verifyEmailMail(input: {
	network: string;
	displayName: string;
	link: string;
	isNewAddress: boolean;
}): AccountMail {
	return {
		subject: input.isNewAddress
			? `Neue E-Mail-Adresse bestätigen – ${input.network}`
			: `E-Mail-Adresse bestätigen – ${input.network}`,
		text: [
			greeting(input.displayName),
			'',
			input.isNewAddress
				? `Sie möchten Ihr Konto bei ${input.network} künftig mit dieser E-Mail-Adresse nutzen. Bitte bestätigen Sie die Adresse über diesen Link:`
				: `bitte bestätigen Sie Ihre E-Mail-Adresse für Ihr Konto bei ${input.network} über diesen Link:`,
			'',
			input.link,
			'',
			input.isNewAddress
				? 'Erst wenn Sie den Link öffnen und bestätigen, wird die Adresse geändert. Der Link gilt 48 Stunden.'
				: 'Der Link gilt 48 Stunden.',
			'',
			'Wenn Sie das nicht angefordert haben, können Sie diese E-Mail ignorieren.',
			'',
			signature(input.network)
		].join('\n')
	};
}

export function emailChangedMail(input: { network: string; displayName: string }): AccountMail {
	return {
		subject: 'Ihre E-Mail-Adresse wurde geändert',
		text: [
			greeting(input.displayName),
			'',
			`die E-Mail-Adresse Ihres Kontos bei ${input.network} wurde geändert. Mitteilungen gehen ab jetzt an die neue Adresse, diese Adresse wird nicht mehr verwendet.`,
			'',
			'Wenn Sie das nicht selbst veranlasst haben, wenden Sie sich bitte sofort an die Netzwerkkoordination.',
			'',
			signature(input.network)
		].join('\n')
	};
}
