import { describe, expect, it } from 'vitest';
import { newReuseRequestMail, reuseRequestLink, reuseStatusMail } from './reuse.mail';

describe('reuse mails', () => {
	it('builds the link to the request from the origin', () => {
		expect(reuseRequestLink('https://netz.example/', 7)).toBe('https://netz.example/nachnutzung/7');
	});

	it('tells the owner who asks for what, with the message', () => {
		const mail = newReuseRequestMail({
			to: 'kontakt@kehl.example',
			networkName: 'Digitalnetzwerk Ortenau',
			requesterName: 'Lena Lahr',
			requestingMunicipalityName: 'Lahr/Schwarzwald',
			ownerMunicipalityName: 'Kehl',
			subjectKind: 'project',
			subjectTitle: 'E-Akte',
			message: 'Wie lief die Einführung?',
			link: 'https://netz.example/nachnutzung/7'
		});
		expect(mail.subject).toBe('Nachnutzung angefragt: E-Akte');
		expect(mail.text).toContain(
			'Lena Lahr (Lahr/Schwarzwald) möchte Ihr Projekt „E-Akte“ nachnutzen'
		);
		expect(mail.text).toContain('Wie lief die Einführung?');
		expect(mail.text).toContain('https://netz.example/nachnutzung/7');
	});

	it('names the new state and the note', () => {
		const mail = reuseStatusMail({
			to: 'lena@lahr.example',
			networkName: 'Netz',
			status: 'declined',
			subjectTitle: 'E-Akte',
			otherMunicipalityName: 'Kehl',
			actorName: 'Karl Kehl',
			note: 'Passt leider nicht.',
			link: 'https://netz.example/nachnutzung/7'
		});
		expect(mail.subject).toBe('Nachnutzung „E-Akte“: Abgelehnt');
		expect(mail.text).toContain('Karl Kehl (Kehl) hat Ihre Anfrage');
		expect(mail.text).toContain('Anmerkung:\nPasst leider nicht.');
	});
});
