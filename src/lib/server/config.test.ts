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
			isProduction: true
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
			isProduction: false
		});
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
		['ADDRESS_HEADER', 'X Forwarded', 'HTTP-Headername']
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
	});
});
