/**
 * What the audit log records: stable codes (stored, filtered by, never renamed) and their German
 * labels for the coordinator's view. Pure data, safe to import from the UI.
 *
 * A code is `<area>.<thing>[.<outcome>]`. Add codes freely; never reuse or rename one, because
 * stored events keep the code they were written with (an unknown code shows as itself).
 */
export const AUDIT_ACTIONS = {
	'auth.sign_in.succeeded': 'Anmeldung erfolgreich',
	'auth.sign_in.failed': 'Anmeldung fehlgeschlagen',
	'auth.sign_in.blocked': 'Anmeldung nach zu vielen Fehlversuchen vorübergehend gesperrt',
	'auth.signed_out': 'Abmeldung',
	'auth.password_reset.requested': 'Zurücksetzen des Passworts angefordert',
	'auth.password_reset.completed': 'Passwort zurückgesetzt',
	'auth.password.changed': 'Passwort geändert',
	'auth.two_factor.enabled': 'Zwei-Faktor-Anmeldung eingerichtet',
	'auth.two_factor.disabled': 'Zwei-Faktor-Anmeldung abgeschaltet',
	'auth.two_factor.reset': 'Zwei-Faktor-Anmeldung zurückgesetzt (Gerät verloren)',
	'auth.two_factor.failed': 'Falscher Code bei der Zwei-Faktor-Anmeldung',
	'auth.two_factor.backup_code_used': 'Anmeldung mit einem Ersatzcode',
	'auth.two_factor.backup_codes_renewed': 'Ersatzcodes neu erzeugt',
	'auth.email.verified': 'E-Mail-Adresse bestätigt',
	'auth.email_change.requested': 'Änderung der E-Mail-Adresse angefordert',
	'auth.email.changed': 'E-Mail-Adresse geändert',
	'auth.api_token.created': 'API-Schlüssel erstellt',
	'auth.api_token.revoked': 'API-Schlüssel widerrufen',
	'role.changed': 'Rolle geändert',
	'membership.changed': 'Mitgliedschaft geändert',
	'invitation.sent': 'Einladung verschickt',
	'invitation.accepted': 'Einladung angenommen',
	'invitation.revoked': 'Einladung zurückgezogen',
	'application.submitted': 'Beitrittsantrag gestellt',
	'application.accepted': 'Beitrittsantrag angenommen',
	'application.rejected': 'Beitrittsantrag abgelehnt',
	'account.created': 'Konto angelegt',
	'account.exported': 'Kontodaten exportiert',
	'account.deleted': 'Konto gelöscht',
	'audit.purged': 'Alte Protokolleinträge gelöscht',
	'discussion.post_hidden': 'Beitrag im Austausch ausgeblendet',
	'discussion.report_dismissed': 'Meldung eines Beitrags zurückgewiesen'
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_CODES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

export function isAuditAction(value: string): value is AuditAction {
	return Object.hasOwn(AUDIT_ACTIONS, value);
}

/** The German label of a stored code; a code this version does not know shows as itself. */
export function auditActionLabel(action: string): string {
	return isAuditAction(action) ? AUDIT_ACTIONS[action] : action;
}
