/** Input of the attachment use cases. */
import { z } from 'zod';
import type { FieldErrors } from '../errors';

export const ATTACHMENT_TITLE_MAX_LENGTH = 200;

export const AddAttachmentSchema = z.object({
	/** The name the browser sent; cleaned by the use case, so only its length is checked here. */
	fileName: z.string().max(1000, 'too_long'),
	bytes: z
		.custom<Uint8Array>((value) => value instanceof Uint8Array, 'file_required')
		.refine((bytes) => bytes.byteLength > 0, 'file_required'),
	title: z
		.string()
		.trim()
		.max(ATTACHMENT_TITLE_MAX_LENGTH, 'too_long')
		.optional()
		.transform((title) => (title ? title : null))
});

export type AddAttachmentInput = z.input<typeof AddAttachmentSchema>;

/** The first problem per field, as message codes; problems with the bytes belong to `file`. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
	const fields: FieldErrors = {};
	for (const issue of error.issues) {
		const top = String(issue.path[0] ?? 'form');
		const field = top === 'bytes' || top === 'fileName' ? 'file' : top;
		fields[field] ??=
			issue.code === 'custom' || issue.code === 'too_big' ? issue.message : 'invalid';
	}
	return fields;
}
