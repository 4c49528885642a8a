/**
 * A real SMTP server in its own process, for the database tests of the mail outbox.
 *
 *   node --import tsx tests/support/smtp-listener-process.ts <dir> <port>
 *
 * Listens on 127.0.0.1 (port 0: a free one), accepts every mail without authentication and
 * writes it to `<dir>` as one JSON file (envelope and raw message) BEFORE answering 250, so a
 * mail the sender saw accepted is always on disk. Reports its port over IPC; the parent can ask
 * it to refuse mail (`{ type: 'reject', code }`). Exits on SIGTERM or when the parent goes away.
 */
import { renameSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

const [dir, portArg] = process.argv.slice(2);
if (!dir || portArg === undefined) {
	console.error('usage: smtp-listener-process.ts <dir> <port>');
	process.exit(2);
}

let sequence = 0;
let rejectCode: number | null = null;

const server = new SMTPServer({
	authOptional: true,
	// Plain SMTP only: no test certificate, and nodemailer does not try to upgrade.
	disabledCommands: ['STARTTLS'],
	logger: false,
	banner: 'Drehscheibe Test-SMTP',
	size: 10 * 1024 * 1024,
	onData(stream, session, callback) {
		const chunks: Buffer[] = [];
		stream.on('data', (chunk: Buffer) => chunks.push(chunk));
		stream.on('end', () => {
			if (rejectCode !== null) {
				const error = new Error('Testserver nimmt gerade nichts an') as Error & {
					responseCode: number;
				};
				error.responseCode = rejectCode;
				callback(error);
				return;
			}
			const record = {
				mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
				rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
				raw: Buffer.concat(chunks).toString('utf8')
			};
			sequence += 1;
			const name = `${Date.now()}-${process.pid}-${String(sequence).padStart(6, '0')}`;
			const temporary = path.join(dir, `${name}.tmp`);
			writeFileSync(temporary, JSON.stringify(record));
			renameSync(temporary, path.join(dir, `${name}.json`));
			callback(null, 'Gespeichert');
		});
	}
});

server.on('error', (error: Error & { code?: string }) => {
	// A client that goes away mid-session (a sender killed in the fault test) ends only its own
	// connection; the listener stays.
	if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return;
	console.error('smtp listener:', error);
	process.exit(1);
});

process.on('message', (message: { type?: string; code?: number | null }) => {
	if (message.type === 'reject') rejectCode = message.code ?? null;
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));

server.listen(Number(portArg), '127.0.0.1', () => {
	const { port } = server.server.address() as AddressInfo;
	process.send?.({ type: 'listening', port });
});
