/**
 * The server this test file talks to: the one of its worker (VITEST_POOL_ID counts workers from
 * 1). Files of one worker run one after another; files of different workers never share a server.
 */
import { inject } from 'vitest';
import { SmtpListener } from '../../support/smtp-listener';
import type { TestServer } from './server';

export function testServer(): TestServer {
	const servers = inject('servers');
	const worker = Number(process.env.VITEST_POOL_ID ?? '1');
	const server = servers[(Math.max(1, worker) - 1) % servers.length];
	if (!server) throw new Error('Kein Testserver / no test server');
	return server;
}

/**
 * The mails the server of this test file has sent, through its real SMTP listener (the server's
 * mail worker delivers every second): `await serverMails().waitForMessages(n)`, `parsedMessages()`.
 */
export function serverMails(): SmtpListener {
	return new SmtpListener(testServer().smtpDir);
}
