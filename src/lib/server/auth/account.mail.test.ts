import { describe, expect, it } from 'vitest';
import {
	accountLink,
	emailChangedMail,
	passwordChangedMail,
	passwordResetMail,
	verifyEmailMail
} from './account.mail';

describe('account mails', () => {
	it('builds absolute links with the token in the path', () => {
		expect(accountLink('https://netz.example/', '/passwort-zuruecksetzen', 'a-b_c')).toBe(
			'https://netz.example/passwort-zuruecksetzen/a-b_c'
		);
	});

	it('writes German plain text with the link, its validity and a way out', () => {
		const reset = passwordResetMail({
			network: 'Ortenau',
			displayName: 'Anna',
			link: 'https://x/l'
		});
		expect(reset.subject).toBe('Passwort zurücksetzen – Ortenau');
		expect(reset.text).toContain('Guten Tag Anna,');
		expect(reset.text).toContain('https://x/l');
		expect(reset.text).toContain('eine Stunde');
		expect(reset.text).toContain('ignorieren');

		const changed = passwordChangedMail({
			network: 'Ortenau',
			displayName: 'Anna',
			origin: 'https://x'
		});
		expect(changed.subject).toBe('Ihr Passwort wurde geändert');
		expect(changed.text).toContain('https://x/passwort-vergessen');

		const own = verifyEmailMail({
			network: 'Ortenau',
			displayName: 'Anna',
			link: 'L',
			isNewAddress: false
		});
		const change = verifyEmailMail({
			network: 'Ortenau',
			displayName: 'Anna',
			link: 'L',
			isNewAddress: true
		});
		expect(own.subject).not.toBe(change.subject);
		expect(change.text).toContain('Erst wenn Sie den Link öffnen');
		expect(emailChangedMail({ network: 'Ortenau', displayName: 'Anna' }).subject).toBe(
			'Ihre E-Mail-Adresse wurde geändert'
		);
	});
});
