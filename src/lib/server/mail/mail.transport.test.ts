import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { createLogTransport, createSmtpTransport, mailTransportFromConfig } from './mail.transport';

const silent = pino({ level: 'silent' });

describe('mailTransportFromConfig', () => {
	it('uses SMTP when SMTP_URL is set, without the password in its name', () => {
		const cfg = parseConfig({ SMTP_URL: 'smtps://postfach:geheim@mail.example.de' }, '/srv');
		const transport = mailTransportFromConfig(cfg, silent);
		expect(transport?.name).toBe('smtps mail.example.de:465');
		transport?.close?.();
	});

	it('writes mail to the log outside production, and sends nothing in production', () => {
		const development = parseConfig({ NODE_ENV: 'development' }, '/srv');
		expect(mailTransportFromConfig(development, silent)?.name).toBe('log');
		const production = parseConfig({ NODE_ENV: 'production' }, '/srv');
		expect(mailTransportFromConfig(production, silent)).toBeNull();
	});

	it('names plain SMTP with its port', () => {
		const transport = createSmtpTransport({
			url: 'smtp://mail.example.de:2525',
			from: 'noreply@example.de'
		});
		expect(transport.name).toBe('smtp mail.example.de:2525');
		transport.close?.();
	});
});

describe('createLogTransport', () => {
	it('logs the mail instead of sending it', async () => {
		const lines: Record<string, unknown>[] = [];
		const log = pino(
			{ level: 'info' },
			{ write: (line: string) => lines.push(JSON.parse(line) as (typeof lines)[number]) }
		);
		await createLogTransport(log).send({
			to: 'person@example.de',
			subject: 'Passwort zurücksetzen',
			text: 'Ihr Link: https://netzwerk.example.de/passwort/abc',
			html: null,
			messageId: '<1@example.de>',
			headers: {}
		});
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({
			mail: {
				to: 'person@example.de',
				subject: 'Passwort zurücksetzen',
				messageId: '<1@example.de>',
				text: 'Ihr Link: https://netzwerk.example.de/passwort/abc'
			}
		});
	});
});
