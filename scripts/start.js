#!/usr/bin/env node
/**
 * `npm start`: loads `.env` when present, builds the app when no current build exists, then runs
 * the production server. Migrations and first seeding run inside the server at start.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsCurrent, writeBuildStamp } from './build-stamp.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

if (existsSync('.env')) process.loadEnvFile('.env');

if (!buildIsCurrent(root)) {
	console.log('Baue die Anwendung (einmalig nach Installation oder Änderung) …');
	const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, NODE_ENV: 'production' }
	});
	if (result.status !== 0) {
		console.error('Der Build ist fehlgeschlagen. / The build failed.');
		process.exit(result.status ?? 1);
	}
	writeBuildStamp(root);
}

// Without ORIGIN, adapter-node assumes https and would refuse form posts on plain http; a local
// start is http://localhost:PORT. Behind a proxy, set ORIGIN to the public address.
const port = process.env.PORT || '3000';
process.env.ORIGIN ||= `http://localhost:${port}`;
process.env.NODE_ENV ||= 'production';
console.log(`Drehscheibe startet auf ${process.env.ORIGIN} …`);

await import(path.join(root, 'build', 'index.js'));
