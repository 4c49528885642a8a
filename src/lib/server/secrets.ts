/**
 * The installation's secret and what is derived from it: keyed hashes (pseudonyms that cannot be
 * tested against a list of candidate addresses without the key) and sealed values (secrets the
 * application must read back, such as two-factor keys, stored encrypted).
 *
 * The secret comes from `SECRET_KEY` (or `SECRET_KEY_FILE`); without it a random key is created
 * once in `DATA_DIR/secret.key` (mode 0600), so `npm start` needs no setup. Each use derives its
 * own subkey (HKDF-SHA-256 with a purpose label), so a hash made for rate limits can never be
 * confused with one made for another purpose.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { config } from './config';

const KEY_FILE = 'secret.key';
const SEAL_VERSION = 'v1';

let master: Buffer | undefined;
const subkeys = new Map<string, Buffer>();

/** Reads the key file in `dataDir`, creating it with 48 random bytes when it is missing. */
export function loadOrCreateKeyFile(dataDir: string): string {
	const file = path.join(dataDir, KEY_FILE);
	if (!existsSync(file)) {
		mkdirSync(dataDir, { recursive: true });
		try {
			// `wx`: when two processes start at once, the second one reads the first one's key.
			writeFileSync(file, randomBytes(48).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
	return readFileSync(file, 'utf8').trim();
}

function masterKey(): Buffer {
	if (!master) {
		const cfg = config();
		master = Buffer.from(cfg.secretKey ?? loadOrCreateKeyFile(cfg.dataDir), 'utf8');
	}
	return master;
}

function subkey(purpose: string): Buffer {
	let key = subkeys.get(purpose);
	if (!key) {
		key = Buffer.from(hkdfSync('sha256', masterKey(), 'drehscheibe', purpose, 32));
		subkeys.set(purpose, key);
	}
	return key;
}

/** HMAC-SHA-256 of `value` under the purpose's subkey, as 64 hexadecimal characters. */
export function keyedHash(purpose: string, value: string): string {
	return createHmac('sha256', subkey(purpose)).update(value, 'utf8').digest('hex');
}

/** Encrypts `plaintext` (AES-256-GCM) so that only this installation can read it back. */
export function sealSecret(purpose: string, plaintext: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', subkey(purpose), iv);
	const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return [SEAL_VERSION, iv, cipher.getAuthTag(), body]
		.map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
		.join('.');
}

/** The plaintext of a sealed value, or null when it was sealed with another key or altered. */
export function openSecret(purpose: string, sealed: string): string | null {
	const [version, iv, tag, body] = sealed.split('.');
	if (version !== SEAL_VERSION || !iv || !tag || body === undefined) return null;
	try {
		const decipher = createDecipheriv('aes-256-gcm', subkey(purpose), Buffer.from(iv, 'base64url'));
		decipher.setAuthTag(Buffer.from(tag, 'base64url'));
		return Buffer.concat([
			decipher.update(Buffer.from(body, 'base64url')),
			decipher.final()
		]).toString('utf8');
	} catch {
		return null;
	}
}
