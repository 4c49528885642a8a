/**
 * The path of a request as the request log writes it: the secret part of single-use links
 * (invitations, password resets, e-mail confirmations) is replaced, so logs shipped to a log
 * server never hold a working link.
 */
const SECRET_SEGMENT =
	/^\/(einladung|passwort-zuruecksetzen|e-mail-bestaetigen|termine\/gast\/bestaetigen|termine\/gast\/abmelden)\/[^/]+/;

export function loggablePath(pathname: string): string {
	return pathname.replace(SECRET_SEGMENT, '/$1/[token]');
}
