import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

const root = '/srv/drehscheibe';

describe('parseConfig', () => {
	it('has working defaults for a local start', () => {
		const config = parseConfig({}, root);
		expect(config).toMatchObject({
			port: 3000,
			host: '0.0.0.0',
			origin: undefined,
			dataDir: '/srv/drehscheibe/data',
			databaseUrl: undefined,
			logLevel: 'info',
			seed: 'demo',
			smtpUrl: undefined,
			mailFrom: 'Drehscheibe <noreply@localhost>',
			mailWorkerIntervalSeconds: 5,
			isProduction: true
		});
	});

	it('trusts proxy headers only when ADDRESS_HEADER names one', () => {
		expect(parseConfig({ XFF_DEPTH: '2' }, root)).toMatchObject({
			addressHeader: undefined,
			trustedProxies: 0
		});
		expect(parseConfig({ ADDRESS_HEADER: 'X-Forwarded-For' }, root)).toMatchObject({
			addressHeader: 'x-forwarded-for',
			trustedProxies: 1
		});
		expect(
			parseConfig({ ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '2' }, root).trustedProxies
		).toBe(2);
		expect(parseConfig({ ADDRESS_HEADER: 'X-Real-IP', XFF_DEPTH: '3' }, root)).toMatchObject({
			addressHeader: 'x-real-ip',
			trustedProxies: 1
		});
	});

	it('reads every setting', () => {
		const config = parseConfig(
			{
				PORT: '8080',
				HOST: '127.0.0.1',
				ORIGIN: 'https://netzwerk.example.de',
				DATA_DIR: '/var/lib/drehscheibe',
				DATABASE_URL: 'postgres://app@db:5432/drehscheibe',
				DATABASE_POOL_SIZE: '20',
				LOG_LEVEL: 'warn',
				SEED: 'register',
				SMTP_URL: 'smtps://postfach:geheim@mail.example.de:465',
				MAIL_FROM: 'Digitalisierungsnetzwerk <noreply@netzwerk.example.de>',
				MAIL_WORKER_INTERVAL_SECONDS: '30',
				NODE_ENV: 'development'
			},
			root
		);
		expect(config).toMatchObject({
			port: 8080,
			host: '127.0.0.1',
			origin: 'https://netzwerk.example.de',
			dataDir: '/var/lib/drehscheibe',
			databaseUrl: 'postgres://app@db:5432/drehscheibe',
			databasePoolSize: 20,
			logLevel: 'warn',
			seed: 'register',
			smtpUrl: 'smtps://postfach:geheim@mail.example.de:465',
			mailFrom: 'Digitalisierungsnetzwerk <noreply@netzwerk.example.de>',
			mailWorkerIntervalSeconds: 30,
			isProduction: false
		});
	});

	it('limits attachments to 20 MiB unless ATTACHMENT_MAX_BYTES says otherwise', () => {
		expect(parseConfig({}, root).attachmentMaxBytes).toBe(20 * 1024 * 1024);
		expect(parseConfig({ ATTACHMENT_MAX_BYTES: '50M' }, root).attachmentMaxBytes).toBe(
			50 * 1024 * 1024
		);
		expect(parseConfig({ ATTACHMENT_MAX_BYTES: '4096' }, root).attachmentMaxBytes).toBe(4096);
	});

	it('treats empty values as unset', () => {
		expect(parseConfig({ PORT: '', SEED: ' ' }, root)).toMatchObject({ port: 3000, seed: 'demo' });
	});

	it.each([
		['PORT', 'abc', 'Portnummer'],
		['PORT', '70000', 'Portnummer'],
		['SEED', 'alles', 'demo, register oder none'],
		['LOG_LEVEL', 'loud', 'Protokollstufe'],
		['DATABASE_URL', 'mysql://x@y/z', 'PostgreSQL'],
		['ORIGIN', 'netzwerk.example.de', 'Herkunft'],
		['ORIGIN', 'https://netzwerk.example.de/pfad', 'Herkunft'],
		['DATABASE_POOL_SIZE', '0', 'ganze Zahl'],
		['XFF_DEPTH', 'zwei', 'ganze Zahl'],
		['BODY_SIZE_LIMIT', '5 MB', 'Größe in Byte'],
		['ADDRESS_HEADER', 'X Forwarded', 'HTTP-Headername'],
		['SMTP_URL', 'mail.example.de:587', 'SMTP-Adresse'],
		['SMTP_URL', 'https://mail.example.de', 'SMTP-Adresse'],
		['SMTP_URL', 'smtp://', 'SMTP-Adresse'],
		['MAIL_FROM', 'Drehscheibe', 'Absenderadresse'],
		['MAIL_FROM', 'Drehscheibe <noreply>', 'Absenderadresse'],
		['MAIL_FROM', 'a@b, c@d', 'Absenderadresse'],
		['MAIL_WORKER_INTERVAL_SECONDS', '0', '1 bis 3600'],
		['MAIL_WORKER_INTERVAL_SECONDS', '3601', '1 bis 3600'],
		['MAIL_WORKER_INTERVAL_SECONDS', '2.5', '1 bis 3600'],
		['ATTACHMENT_MAX_BYTES', '20 MB', '1K bis 1G'],
		['ATTACHMENT_MAX_BYTES', '2G', '1K bis 1G'],
		['ATTACHMENT_MAX_BYTES', '100', '1K bis 1G']
	])('rejects %s=%s with a German and English message', (name, value, german) => {
		let caught: unknown;
		try {
			parseConfig({ [name]: value }, root);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(ConfigError);
		const error = caught as ConfigError;
		expect(error.variable).toBe(name);
		expect(error.message).toContain(`Ungültige Einstellung ${name}`);
		expect(error.message).toContain(german);
		expect(error.message).toContain(`Invalid setting ${name}`);
	});

	it('accepts plain smtp and a bare sender address', () => {
		expect(
			parseConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', MAIL_FROM: 'noreply@example.org' }, root)
		).toMatchObject({ smtpUrl: 'smtp://127.0.0.1:2525', mailFrom: 'noreply@example.org' });
	});

	it('never repeats an SMTP password in the error message', () => {
		let caught: unknown;
		try {
			parseConfig({ SMTP_URL: 'imap://postfach:streng-geheim@mail' }, root);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(ConfigError);
		expect((caught as ConfigError).message).toContain('SMTP-Adresse');
		expect((caught as ConfigError).message).not.toContain('streng-geheim');
	});

	it('reads secrets from *_FILE', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'config-'));
		const file = path.join(dir, 'db-url');
		writeFileSync(file, 'postgres://app:geheim@db:5432/drehscheibe\n');
		expect(parseConfig({ DATABASE_URL_FILE: file }, root).databaseUrl).toBe(
			'postgres://app:geheim@db:5432/drehscheibe'
		);
		expect(() => parseConfig({ DATABASE_URL_FILE: path.join(dir, 'missing') }, root)).toThrow(
			/DATABASE_URL_FILE/
		);
		const smtp = path.join(dir, 'smtp-url');
		writeFileSync(smtp, 'smtp://postfach:geheim@mail.example.de:587\n');
		expect(parseConfig({ SMTP_URL_FILE: smtp }, root).smtpUrl).toBe(
			'smtp://postfach:geheim@mail.example.de:587'
		);
	});
});
