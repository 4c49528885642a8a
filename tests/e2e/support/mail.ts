/** Mails that the test server's worker delivered through its real SMTP listener. */
import { simpleParser, type ParsedMail } from 'mailparser';
import { serverMails } from './test-server';

/**
 * The mails delivered to `to`, parsed, oldest first, once at least `count` have arrived; fails
 * with the number received when they do not arrive in time (the workers poll every second).
 */
export async function mailsTo(to: string, count = 1, timeoutMs = 30_000): Promise<ParsedMail[]> {
	const mails = serverMails();
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const received = mails.messages().filter((mail) => mail.rcptTo.includes(to));
		if (received.length >= count) {
			return Promise.all(received.map((mail) => simpleParser(mail.raw)));
		}
		if (Date.now() > deadline) {
			throw new Error(`Nur ${received.length} von ${count} Mails an ${to} angekommen`);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** A header as it was sent (unfolded), e.g. `List-Unsubscribe-Post`; undefined when absent. */
export function rawHeader(mail: ParsedMail, name: string): string | undefined {
	return mail.headerLines
		.find((line) => line.key === name.toLowerCase())
		?.line.replace(/^[^:]+:\s*/, '')
		.replace(/\r?\n\s+/g, '');
}
