/** German/English texts for the problem codes the attachments module reports. */
import { m } from '$lib/paraglide/messages';

export function attachmentErrorText(
	code: string | undefined | null,
	maxSize: string
): string | null {
	if (!code) return null;
	switch (code) {
		case 'file_required':
			return m.attachments_error_file_required();
		case 'too_large':
			return m.attachments_error_too_large({ max: maxSize });
		case 'unsupported_type':
			return m.attachments_error_unsupported_type();
		case 'too_long':
			return m.attachments_error_title_too_long();
		default:
			return m.attachments_error_unknown();
	}
}
