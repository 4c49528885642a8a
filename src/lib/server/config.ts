/**
 * Every setting of the application, parsed and validated once at start.
 * Nothing else in the code base reads `process.env`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const SEED_MODES = ['demo', 'register', 'none'] as const;
export type SeedMode = (typeof SEED_MODES)[number];

export const DEFAULT_MAIL_FROM = 'Drehscheibe <noreply@localhost>';

export const TWO_FACTOR_SCOPES = ['privileged', 'everyone'] as const;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface Config {
	/** Port the HTTP server listens on (read by adapter-node as well). */
	port: number;
	host: string;
	/** Public origin, e.g. https://netzwerk.example.de; undefined lets the server derive it. */
	origin: string | undefined;
	/** Directory for the embedded database and stored files. Absolute. */
	dataDir: string;
	/** PostgreSQL connection string; undefined means the embedded SQLite database. */
	databaseUrl: string | undefined;
	/** Connections in the PostgreSQL pool. */
	databasePoolSize: number;
	logLevel: (typeof LOG_LEVELS)[number];
	seed: SeedMode;
	/**
	 * SMTP server (smtp:// or smtps:// URL with optional user and password); undefined means no
	 * SMTP: mails are written to the log outside production and wait in the outbox in production.
	 */
	smtpUrl: string | undefined;
	/** Sender of every mail, `Name <address>` or a bare address; its domain ends Message-IDs. */
	mailFrom: string;
	/** Seconds between two runs of the mail worker over the outbox. */
	mailWorkerIntervalSeconds: number;
	/**
	 * The header reverse proxies write the client's address into (`ADDRESS_HEADER`, lower case),
	 * or undefined when no proxy is trusted. Shared with adapter-node.
	 */
	addressHeader: string | undefined;
	/**
	 * How many reverse proxies append to that header (`XFF_DEPTH`, adapter-node's default 1); 0
	 * without `ADDRESS_HEADER`, so headers a client writes are never believed.
	 */
	trustedProxies: number;
	/**
	 * The installation's secret (`SECRET_KEY`, at least 32 characters) for keyed pseudonyms and
	 * for sealing stored secrets such as two-factor keys; undefined means a key generated once and
	 * kept in `DATA_DIR/secret.key` (see secrets.ts). Several instances must share one.
	 */
	secretKey: string | undefined;
	/**
	 * Who must use two-factor sign-in (`TWO_FACTOR_REQUIRED`): `privileged` (coordinators and
	 * municipality admins, the default) or `everyone`.
	 */
	twoFactorRequired: (typeof TWO_FACTOR_SCOPES)[number];
	/** Days the audit log keeps events (`AUDIT_RETENTION_DAYS`, default 180) before the purge. */
	auditRetentionDays: number;
	/**
	 * Largest file a project attachment may have (`ATTACHMENT_MAX_BYTES`, bytes or with K/M/G,
	 * default 20 MiB). The request body limit (hooks, `BODY_SIZE_LIMIT`) allows this plus form
	 * overhead.
	 */
	attachmentMaxBytes: number;
	isProduction: boolean;
	/** Root of the installed application (where package.json and seed/ live). */
	appRoot: string;
}

/** A setting that failed validation; the message names the variable in German and English. */
export class ConfigError extends Error {
	constructor(
		readonly variable: string,
		readonly expectedDe: string,
		readonly expectedEn: string,
		readonly value: string | undefined
	) {
		super(
			`Ungültige Einstellung ${variable}${value === undefined ? '' : ` = "${value}"`}: erwartet wird ${expectedDe}.\n` +
				`Invalid setting ${variable}${value === undefined ? '' : ` = "${value}"`}: expected ${expectedEn}.`
		);
		this.name = 'ConfigError';
	}
}

type Env = Record<string, string | undefined>;

interface Rule<T> {
	schema: z.ZodType<T>;
	de: string;
	en: string;
	/** The value may hold a password: an error message must not repeat it. */
	isSecret?: boolean;
}

function isSmtpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
	} catch {
		return false;
	}
}

/** `20M` → 20 MiB: a byte count with an optional binary K, M or G suffix. */
export function parseByteSize(value: string): number {
	const match = /^(\d+)([KMG]?)$/.exec(value);
	if (!match) return Number.NaN;
	const factor = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2] as '' | 'K' | 'M' | 'G'];
	return Number(match[1]) * factor;
}

export const DEFAULT_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

/** `Name <user@host>` or `user@host`; the display name must not contain angle brackets. */
export const MAIL_FROM_PATTERN = /^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/;

const rules = {
	PORT: {
		schema: z.coerce.number().int().min(1).max(65535),
		de: 'eine Portnummer von 1 bis 65535',
		en: 'a port number from 1 to 65535'
	},
	HOST: {
		schema: z.string().min(1),
		de: 'eine Adresse, an die der Server gebunden wird (z. B. 0.0.0.0)',
		en: 'an address to bind to (e.g. 0.0.0.0)'
	},
	ORIGIN: {
		schema: z.string().regex(/^https?:\/\/[^/?#\s]+$/),
		de: 'eine Herkunft wie https://netzwerk.example.de (ohne Pfad und ohne abschließenden Schrägstrich)',
		en: 'an origin such as https://network.example.org (no path, no trailing slash)'
	},
	DATABASE_URL: {
		schema: z.string().regex(/^postgres(ql)?:\/\/.+/),
		de: 'eine PostgreSQL-Verbindungsadresse (postgres://benutzer@host:5432/datenbank)',
		en: 'a PostgreSQL connection string (postgres://user@host:5432/database)',
		isSecret: true
	},
	DATABASE_POOL_SIZE: {
		schema: z.coerce.number().int().min(1).max(200),
		de: 'eine ganze Zahl von 1 bis 200',
		en: 'a whole number from 1 to 200'
	},
	DATA_DIR: {
		schema: z.string().min(1),
		de: 'ein Verzeichnis',
		en: 'a directory'
	},
	LOG_LEVEL: {
		schema: z.enum(LOG_LEVELS),
		de: `eine Protokollstufe (${LOG_LEVELS.join(', ')})`,
		en: `a log level (${LOG_LEVELS.join(', ')})`
	},
	SEED: {
		schema: z.enum(SEED_MODES),
		de: 'demo, register oder none',
		en: 'demo, register or none'
	},
	// Read by the Node adapter itself; validated here so that a typo stops the start.
	ADDRESS_HEADER: {
		schema: z.string().regex(/^[A-Za-z0-9-]+$/),
		de: 'ein HTTP-Headername (z. B. X-Forwarded-For)',
		en: 'an HTTP header name (e.g. X-Forwarded-For)'
	},
	XFF_DEPTH: {
		schema: z.coerce.number().int().min(1).max(10),
		de: 'eine ganze Zahl von 1 bis 10',
		en: 'a whole number from 1 to 10'
	},
	PROTOCOL_HEADER: {
		schema: z.string().regex(/^[A-Za-z0-9-]+$/),
		de: 'ein HTTP-Headername (z. B. X-Forwarded-Proto)',
		en: 'an HTTP header name (e.g. X-Forwarded-Proto)'
	},
	HOST_HEADER: {
		schema: z.string().regex(/^[A-Za-z0-9-]+$/),
		de: 'ein HTTP-Headername (z. B. X-Forwarded-Host)',
		en: 'an HTTP header name (e.g. X-Forwarded-Host)'
	},
	BODY_SIZE_LIMIT: {
		schema: z.string().regex(/^(\d+[KMG]?|Infinity)$/),
		de: 'eine Größe in Byte, optional mit K, M oder G (z. B. 512K)',
		en: 'a size in bytes, optionally with K, M or G (e.g. 512K)'
	},
	SMTP_URL: {
		schema: z.string().refine(isSmtpUrl),
		de: 'eine SMTP-Adresse wie smtp://benutzer:passwort@mail.example.de:587 oder smtps://benutzer:passwort@mail.example.de:465',
		en: 'an SMTP URL such as smtp://user:password@mail.example.org:587 or smtps://user:password@mail.example.org:465',
		isSecret: true
	},
	MAIL_FROM: {
		schema: z.string().regex(MAIL_FROM_PATTERN),
		de: 'eine Absenderadresse wie "Drehscheibe <noreply@netzwerk.example.de>" oder noreply@netzwerk.example.de',
		en: 'a sender address such as "Drehscheibe <noreply@network.example.org>" or noreply@network.example.org'
	},
	MAIL_WORKER_INTERVAL_SECONDS: {
		schema: z.coerce.number().int().min(1).max(3600),
		de: 'eine ganze Zahl von 1 bis 3600 (Sekunden)',
		en: 'a whole number from 1 to 3600 (seconds)'
	},
	SECRET_KEY: {
		schema: z.string().min(32),
		de: 'eine zufällige Zeichenfolge mit mindestens 32 Zeichen (z. B. openssl rand -base64 48)',
		en: 'a random string of at least 32 characters (e.g. openssl rand -base64 48)',
		isSecret: true
	},
	TWO_FACTOR_REQUIRED: {
		schema: z.enum(TWO_FACTOR_SCOPES),
		de: 'privileged (Koordination und Verwaltung der Kommunen) oder everyone (alle)',
		en: 'privileged (coordinators and municipality admins) or everyone'
	},
	AUDIT_RETENTION_DAYS: {
		schema: z.coerce.number().int().min(30).max(3650),
		de: 'eine ganze Zahl von 30 bis 3650 (Tage)',
		en: 'a whole number from 30 to 3650 (days)'
	},
	ATTACHMENT_MAX_BYTES: {
		schema: z
			.string()
			.regex(/^\d+[KMG]?$/)
			.transform(parseByteSize)
			.pipe(
				z
					.number()
					.int()
					.min(1024)
					.max(2 ** 30)
			),
		de: 'eine Größe von 1K bis 1G in Byte, optional mit K, M oder G (z. B. 20M)',
		en: 'a size from 1K to 1G in bytes, optionally with K, M or G (e.g. 20M)'
	},
	NODE_ENV: {
		schema: z.enum(['production', 'development', 'test']),
		de: 'production, development oder test',
		en: 'production, development or test'
	}
} satisfies Record<string, Rule<unknown>>;

type RuleName = keyof typeof rules;

/**
 * Reads a variable, or the content of the file named by `<NAME>_FILE` (for secrets mounted as
 * files). Empty strings count as unset so that `.env` templates can leave values blank.
 */
function raw(env: Env, name: string): string | undefined {
	const fileName = env[`${name}_FILE`];
	if (fileName) {
		try {
			return readFileSync(fileName, 'utf8').trim();
		} catch {
			throw new ConfigError(`${name}_FILE`, 'eine lesbare Datei', 'a readable file', fileName);
		}
	}
	const value = env[name];
	return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function read<N extends RuleName>(
	env: Env,
	name: N,
	fallback?: z.output<(typeof rules)[N]['schema']>
): z.output<(typeof rules)[N]['schema']> | undefined {
	const value = raw(env, name);
	if (value === undefined) return fallback;
	const rule = rules[name] as unknown as Rule<z.output<(typeof rules)[N]['schema']>>;
	const parsed = rule.schema.safeParse(value);
	if (!parsed.success)
		throw new ConfigError(name, rule.de, rule.en, rule.isSecret ? undefined : value);
	return parsed.data;
}

/** Walks up from this module to the folder holding the application's package.json. */
export function findAppRoot(start = path.dirname(fileURLToPath(import.meta.url))): string {
	let dir = start;
	for (;;) {
		if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'seed')))
			return dir;
		const parent = path.dirname(dir);
		if (parent === dir) return process.cwd();
		dir = parent;
	}
}

/** Parses the environment. Throws {@link ConfigError} naming the first bad variable. */
export function parseConfig(env: Env, appRoot = findAppRoot()): Config {
	const nodeEnv = read(env, 'NODE_ENV', 'production');
	const addressHeader = read(env, 'ADDRESS_HEADER')?.toLowerCase();
	const xffDepth = read(env, 'XFF_DEPTH', 1) ?? 1;
	for (const name of ['PROTOCOL_HEADER', 'HOST_HEADER', 'BODY_SIZE_LIMIT'] as const) {
		read(env, name);
	}
	return {
		port: read(env, 'PORT', 3000) ?? 3000,
		host: read(env, 'HOST', '0.0.0.0') ?? '0.0.0.0',
		origin: read(env, 'ORIGIN'),
		dataDir: path.resolve(appRoot, read(env, 'DATA_DIR', 'data') ?? 'data'),
		databaseUrl: read(env, 'DATABASE_URL'),
		databasePoolSize: read(env, 'DATABASE_POOL_SIZE', 10) ?? 10,
		logLevel: read(env, 'LOG_LEVEL', 'info') ?? 'info',
		seed: read(env, 'SEED', 'demo') ?? 'demo',
		smtpUrl: read(env, 'SMTP_URL'),
		mailFrom: read(env, 'MAIL_FROM', DEFAULT_MAIL_FROM) ?? DEFAULT_MAIL_FROM,
		mailWorkerIntervalSeconds: read(env, 'MAIL_WORKER_INTERVAL_SECONDS', 5) ?? 5,
		addressHeader,
		// Only X-Forwarded-For is a list; any other address header holds one address.
		trustedProxies: addressHeader ? (addressHeader === 'x-forwarded-for' ? xffDepth : 1) : 0,
		secretKey: read(env, 'SECRET_KEY'),
		twoFactorRequired: read(env, 'TWO_FACTOR_REQUIRED', 'privileged') ?? 'privileged',
		auditRetentionDays: read(env, 'AUDIT_RETENTION_DAYS', 180) ?? 180,
		attachmentMaxBytes:
			read(env, 'ATTACHMENT_MAX_BYTES', DEFAULT_ATTACHMENT_MAX_BYTES) ??
			DEFAULT_ATTACHMENT_MAX_BYTES,
		isProduction: nodeEnv === 'production',
		appRoot
	};
}

let current: Config | undefined;

/**
 * The configuration of this process. On the first call the environment is validated; a bad
 * setting ends the process with a message that names the variable (German and English).
 */
export function config(): Config {
	if (!current) {
		try {
			current = parseConfig(process.env);
		} catch (error) {
			if (error instanceof ConfigError) {
				console.error(error.message);
				process.exit(78); // EX_CONFIG
			}
			throw error;
		}
	}
	return current;
}
