/**
 * How a mail leaves the outbox: SMTP through nodemailer, or (in development) the log. The outbox
 * worker only knows the {@link MailTransport} interface, so tests and later transports plug in.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../config';
import type { Logger } from '../log';

/** One mail as the worker hands it to a transport. */
export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
	html: string | null;
	/** `<uuid@domain>`, the same on every retry, so receivers can recognise a repeated delivery. */
	messageId: string;
	headers: Record<string, string>;
}

export interface MailTransport {
	/** For logs: `smtp mail.example.de:587`, `log`. Never contains a password. */
	readonly name: string;
	/** Resolves once the server accepted the mail; rejects with the reason otherwise. */
	send(mail: OutgoingMail): Promise<void>;
	close?(): void;
}

/** Every mail is German; receivers and screen readers learn it from this header. */
const LANGUAGE_HEADER = { 'Content-Language': 'de' };

export interface SmtpTransportOptions {
	/** smtp:// (STARTTLS when offered) or smtps:// (TLS from the start), with user and password. */
	url: string;
	/** The From header, e.g. `Drehscheibe <noreply@example.org>`. */
	from: string;
	/**
	 * Upper bounds so that a hanging server fails the attempt (and it is retried) well within
	 * the worker's lease. Milliseconds.
	 */
	timeouts?: { connection?: number; greeting?: number; socket?: number };
	/** Open connections kept to the server; each carries one mail at a time. Default 4. */
	maxConnections?: number;
}

/**
 * SMTP via nodemailer with a pool of connections that are reused from mail to mail (no TCP and
 * TLS handshake per mail). A connection the server dropped (restart, idle timeout) fails only the
 * mail on it, which is retried; the pool opens a fresh connection for the next one.
 */
export function createSmtpTransport(options: SmtpTransportOptions): MailTransport {
	const url = new URL(options.url);
	const transporter = nodemailer.createTransport({
		url: options.url,
		connectionTimeout: options.timeouts?.connection ?? 15_000,
		greetingTimeout: options.timeouts?.greeting ?? 15_000,
		socketTimeout: options.timeouts?.socket ?? 60_000,
		pool: true,
		maxConnections: options.maxConnections ?? 4,
		maxMessages: Infinity,
		// Content is always given as strings; never let a value be read as a file or URL.
		disableFileAccess: true,
		disableUrlAccess: true
	});
	return {
		name: `${url.protocol.replace(':', '')} ${url.hostname}:${url.port || (url.protocol === 'smtps:' ? '465' : '587')}`,
		async send(mail) {
			await transporter.sendMail({
				from: options.from,
				to: mail.to,
				subject: mail.subject,
				text: mail.text,
				// With HTML, nodemailer builds multipart/alternative with the text part first.
				...(mail.html === null ? {} : { html: mail.html }),
				messageId: mail.messageId,
				headers: { ...LANGUAGE_HEADER, ...mail.headers }
			});
		},
		close() {
			transporter.close();
		}
	};
}

/** Development without SMTP: the mail goes to the log (links in it can be copied from there). */
export function createLogTransport(log: Logger): MailTransport {
	return {
		name: 'log',
		send(mail) {
			log.info(
				{
					mail: {
						to: mail.to,
						subject: mail.subject,
						messageId: mail.messageId,
						headers: mail.headers,
						text: mail.text
					}
				},
				'mail (not sent: no SMTP_URL set)'
			);
			return Promise.resolve();
		}
	};
}

/**
 * The transport the configuration asks for: SMTP when SMTP_URL is set; otherwise the log outside
 * production, and `null` in production — mails then wait in the outbox until SMTP is configured.
 */
export function mailTransportFromConfig(cfg: Config, log: Logger): MailTransport | null {
	if (cfg.smtpUrl) return createSmtpTransport({ url: cfg.smtpUrl, from: cfg.mailFrom });
	if (!cfg.isProduction) return createLogTransport(log);
	return null;
}
