#!/usr/bin/env node
/**
 * `npm start`: loads `.env` when present, builds the app when no current build exists, then runs
 * the production server. Migrations and first seeding run inside the server at start.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsCurrent, ensureBuild } from './build-stamp.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

if (existsSync('.env')) process.loadEnvFile('.env');

try {
	if (!buildIsCurrent(root)) {
		console.log('Baue die Anwendung (einmalig nach Installation oder Änderung) …');
		ensureBuild(root);
	}
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exit(1);
}

// Without ORIGIN, adapter-node assumes https and would refuse form posts on plain http; a local
// start is http://localhost:PORT. Behind a proxy, set ORIGIN to the public address.
const port = process.env.PORT || '3000';
process.env.ORIGIN ||= `http://localhost:${port}`;
// The quick start is for trying the demo network: development mode prints the demo accounts once
// and logs mails instead of holding them. Installations set NODE_ENV=production (.env.example).
process.env.NODE_ENV ||= 'development';
// The Node adapter refuses request bodies over BODY_SIZE_LIMIT (512K by default): uploads need
// the largest attachment (ATTACHMENT_MAX_BYTES, default 20M) plus room for the form around it.
// A bad ATTACHMENT_MAX_BYTES is reported by the server's configuration check.
if (!process.env.BODY_SIZE_LIMIT?.trim()) {
	const match = /^(\d+)([KMG]?)$/.exec(process.env.ATTACHMENT_MAX_BYTES?.trim() || '20M');
	if (match) {
		const factor = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2]];
		process.env.BODY_SIZE_LIMIT = String(Number(match[1]) * factor + 1024 * 1024);
	}
}
console.log(`Drehscheibe startet auf ${process.env.ORIGIN} …`);

await import(path.join(root, 'build', 'index.js'));
