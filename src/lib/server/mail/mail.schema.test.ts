import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors';
import { parseMailMessage, SUBJECT_MAX_LENGTH, type MailMessageInput } from './mail.schema';

const valid: MailMessageInput = {
	to: 'buergermeisterin@gemeinde-musterhausen.de',
	subject: 'Einladung zur Drehscheibe',
	text: 'Guten Tag,\n\nSie sind eingeladen.'
};

function fieldErrors(input: MailMessageInput): Record<string, string> {
	try {
		parseMailMessage(input);
	} catch (error) {
		if (isDomainError(error) && error.code === 'INVALID') return error.fields;
		throw error;
	}
	throw new Error('expected the message to be rejected');
}

describe('parseMailMessage', () => {
	it('accepts a German mail with a plain-text part and trims it', () => {
		expect(
			parseMailMessage({ ...valid, subject: '  Passwort zurücksetzen – Ihre Anfrage  ' })
		).toEqual({
			...valid,
			subject: 'Passwort zurücksetzen – Ihre Anfrage',
			headers: {}
		});
	});

	it('keeps an HTML alternative and extra headers such as List-Unsubscribe', () => {
		const message = parseMailMessage({
			...valid,
			html: '<p>Guten Tag</p>',
			headers: {
				'List-Unsubscribe': '<https://netzwerk.example.de/abmelden/abc>',
				'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
			}
		});
		expect(message.html).toBe('<p>Guten Tag</p>');
		expect(message.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
	});

	it('accepts a subject of exactly the maximum length', () => {
		expect(
			parseMailMessage({ ...valid, subject: 'ä'.repeat(SUBJECT_MAX_LENGTH) }).subject
		).toHaveLength(SUBJECT_MAX_LENGTH);
	});

	it.each([
		[{ to: 'keine-adresse' }, 'to', 'email_format'],
		[{ to: 'a@b.de, c@d.de' }, 'to', 'email_format'],
		[{ subject: '   ' }, 'subject', 'required'],
		[{ subject: 'x'.repeat(SUBJECT_MAX_LENGTH + 1) }, 'subject', 'too_long'],
		[{ subject: 'Hallo\r\nBcc: alle@example.org' }, 'subject', 'line_break'],
		[{ text: '' }, 'text', 'required'],
		[{ text: undefined }, 'text', undefined],
		[{ html: ' ' }, 'html', 'required'],
		[{ headers: { 'X-Test': 'a\nB: c' } }, 'headers.X-Test', 'line_break'],
		[{ headers: { 'Bad Name': 'x' } }, 'headers.Bad Name', 'header_name'],
		[{ headers: { bcc: 'alle@example.org' } }, 'headers.bcc', 'header_reserved'],
		[{ headers: { 'Message-ID': '<x@y>' } }, 'headers.Message-ID', 'header_reserved']
	] as const)('rejects %j on field %s', (override, field, message) => {
		const errors = fieldErrors({ ...valid, ...override } as MailMessageInput);
		expect(Object.keys(errors)).toContain(field);
		if (message) expect(errors[field]).toBe(message);
	});
});
