export {
	countOutboxMail,
	enqueueMail,
	MAIL_RETENTION_DAYS,
	messageIdDomain,
	OUTBOX_DEFAULTS,
	processOutbox,
	purgeFinishedMail,
	retryDelayMs,
	type EnqueueOptions,
	type EnqueueResult,
	type ProcessOutboxOptions,
	type ProcessOutboxResult
} from './mail.service';
export {
	MailMessageSchema,
	parseMailMessage,
	SUBJECT_MAX_LENGTH,
	type MailMessage,
	type MailMessageInput
} from './mail.schema';
export {
	createLogTransport,
	createSmtpTransport,
	mailTransportFromConfig,
	type MailTransport,
	type OutgoingMail,
	type SmtpTransportOptions
} from './mail.transport';
export { startMailWorker, type MailWorkerOptions } from './mail.worker';
