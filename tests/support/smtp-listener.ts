/**
 * A real SMTP listener for tests, running as a separate process (smtp-listener-process.ts).
 * Each received mail is a file in a temporary folder; the test reads and parses them.
 *
 *   const smtp = useSmtpListener();
 *   … createSmtpTransport({ url: smtp.url, from: … }) …
 *   const [mail] = await smtp.parsedMessages();
 *   await smtp.stop();   // SMTP is down: connections are refused
 *   await smtp.start();  // back, on the same port
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '../..');
const childScript = path.join(here, 'smtp-listener-process.ts');

export interface ReceivedMail {
	mailFrom: string | null;
	rcptTo: string[];
	raw: string;
}

export class SmtpListener {
	readonly #dir: string;
	#child: ChildProcess | undefined;
	#port = 0;

	/**
	 * `dir`: the folder of a listener that runs elsewhere (e.g. the browser tests' server's), to
	 * read its mails; by default a fresh folder for a listener this object starts.
	 */
	constructor(dir?: string) {
		this.#dir = dir ?? mkdtempSync(path.join(tmpdir(), 'drehscheibe-smtp-'));
	}

	/** The folder the received mails are written to. */
	get dir(): string {
		return this.#dir;
	}

	get port(): number {
		if (this.#port === 0) throw new Error('smtp listener never started');
		return this.#port;
	}

	/** `smtp://127.0.0.1:<port>`: stays the same across stop() and start(). */
	get url(): string {
		return `smtp://127.0.0.1:${this.port}`;
	}

	get isRunning(): boolean {
		return this.#child !== undefined;
	}

	/** Starts the listener process (on the port it had before, if it ran already). */
	async start(): Promise<void> {
		if (this.#child) return;
		const child = fork(childScript, [this.#dir, String(this.#port)], {
			cwd: projectRoot,
			// Not the vitest worker's flags: a plain Node that loads TypeScript through tsx.
			execArgv: ['--import', 'tsx'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		this.#port = await new Promise<number>((resolve, reject) => {
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				reject(new Error('smtp listener did not start within 20 s'));
			}, 20_000);
			child.once('message', (message: { type?: string; port?: number }) => {
				if (message.type === 'listening' && typeof message.port === 'number') {
					clearTimeout(timer);
					resolve(message.port);
				}
			});
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`smtp listener exited with code ${String(code)} before listening`));
			});
		});
		this.#child = child;
	}

	/** Ends the listener process; connections to its port are refused until start(). */
	async stop(): Promise<void> {
		const child = this.#child;
		if (!child) return;
		this.#child = undefined;
		if (child.exitCode !== null || child.signalCode !== null) return;
		await new Promise<void>((resolve) => {
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	}

	/** From now on answer every mail with this SMTP code (e.g. 451), or accept again (`null`). */
	async rejectWith(code: number | null): Promise<void> {
		const child = this.#child;
		if (!child) throw new Error('smtp listener not running');
		await new Promise<void>((resolve, reject) =>
			child.send({ type: 'reject', code }, (error) => (error ? reject(error) : resolve()))
		);
	}

	/** Every mail received so far, oldest first. */
	messages(): ReceivedMail[] {
		return readdirSync(this.#dir)
			.filter((name) => name.endsWith('.json'))
			.sort()
			.map((name) => JSON.parse(readFileSync(path.join(this.#dir, name), 'utf8')) as ReceivedMail);
	}

	/** Every mail received so far, parsed (subject, text, html, headers, messageId …). */
	parsedMessages(): Promise<ParsedMail[]> {
		return Promise.all(this.messages().map((message) => simpleParser(message.raw)));
	}

	/** Waits until at least `count` mails have arrived (for the worker, which sends on its own). */
	async waitForMessages(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const messages = this.messages();
			if (messages.length >= count) return messages;
			if (Date.now() > deadline) {
				throw new Error(
					`expected ${count} mails, received ${messages.length} within ${timeoutMs} ms`
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
	}

	/** Forgets the mails received so far. */
	clear(): void {
		for (const name of readdirSync(this.#dir)) rmSync(path.join(this.#dir, name), { force: true });
	}

	/** Stops the process and removes the folder. */
	async dispose(): Promise<void> {
		await this.stop();
		rmSync(this.#dir, { recursive: true, force: true });
	}
}

export async function startSmtpListener(): Promise<SmtpListener> {
	const listener = new SmtpListener();
	await listener.start();
	return listener;
}

/** Registers hooks that give the current test file its own SMTP listener process. */
export function useSmtpListener(): SmtpListener {
	const listener = new SmtpListener();
	beforeAll(() => listener.start());
	afterAll(() => listener.dispose());
	return listener;
}
