/** What a mail to be sent must look like. Every mail is German and has a plain-text part. */
import { z } from 'zod';
import { invalid, type FieldErrors } from '../errors';

export const SUBJECT_MAX_LENGTH = 200;

/** A line break in a header would let the text start a new header (header injection). */
const noLineBreak = (value: string) => !/[\r\n]/.test(value);

/**
 * Headers a mail may add (e.g. List-Unsubscribe). The ones the outbox sets itself, or that
 * decide the structure of the message, cannot be overridden.
 */
const RESERVED_HEADERS = new Set([
	'from',
	'to',
	'cc',
	'bcc',
	'sender',
	'reply-to',
	'subject',
	'date',
	'message-id',
	'mime-version',
	'content-type',
	'content-transfer-encoding'
]);

const HeaderNameSchema = z
	.string()
	.regex(/^[A-Za-z0-9-]{1,76}$/, 'header_name')
	.refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), 'header_reserved');

export const MailMessageSchema = z.object({
	to: z.email('email_format').max(254, 'email_format'),
	subject: z
		.string()
		.trim()
		.min(1, 'required')
		.max(SUBJECT_MAX_LENGTH, 'too_long')
		.refine(noLineBreak, 'line_break'),
	/** The plain-text part; every mail has one (screen readers, text-only clients, spam filters). */
	text: z.string().trim().min(1, 'required'),
	/** Optional HTML alternative of the same content. */
	html: z.string().trim().min(1, 'required').optional(),
	headers: z
		.record(HeaderNameSchema, z.string().max(2000, 'too_long').refine(noLineBreak, 'line_break'))
		.default({})
});

export type MailMessageInput = z.input<typeof MailMessageSchema>;
export type MailMessage = z.output<typeof MailMessageSchema>;

/** Parses a message; throws INVALID with the first problem per field. */
export function parseMailMessage(input: MailMessageInput): MailMessage {
	const parsed = MailMessageSchema.safeParse(input);
	if (parsed.success) return parsed.data;
	const fields: FieldErrors = {};
	for (const issue of parsed.error.issues) {
		const field = issue.path.map(String).join('.') || 'message';
		// A bad header name arrives wrapped ("invalid key in record"); report the inner reason.
		const message = issue.code === 'invalid_key' ? issue.issues[0]?.message : issue.message;
		fields[field] ??= message ?? issue.message;
	}
	throw invalid(fields);
}
