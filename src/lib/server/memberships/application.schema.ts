/** Input of the public form "Mitglied werden" and of the coordination's decision. */
import { z } from 'zod';
import {
	AgsSchema,
	CheckboxSchema,
	EmailSchema,
	IdSchema,
	MESSAGE_MAX_LENGTH,
	NAME_MAX_LENGTH,
	NameSchema,
	optionalText,
	PHONE_MAX_LENGTH,
	REASON_MAX_LENGTH
} from './membership.schema';

/**
 * An application for one municipality; with `forAssociation` for every non-member municipality
 * of its administrative association as well (one person acting for a VVG/GVV).
 */
export const ApplicationSchema = z.object({
	ags: AgsSchema,
	forAssociation: CheckboxSchema,
	contactName: NameSchema,
	email: EmailSchema,
	jobTitle: optionalText(NAME_MAX_LENGTH, 'job_title_too_long'),
	phone: optionalText(PHONE_MAX_LENGTH, 'phone_too_long'),
	message: optionalText(MESSAGE_MAX_LENGTH, 'message_too_long')
});
export type ApplicationInput = z.input<typeof ApplicationSchema>;

export const AcceptApplicationSchema = z.object({
	applicationId: IdSchema,
	reason: optionalText(REASON_MAX_LENGTH, 'reason_too_long')
});
export type AcceptApplicationInput = z.input<typeof AcceptApplicationSchema>;

/** Declining needs a reason: the applicant is told why. */
export const RejectApplicationSchema = z.object({
	applicationId: IdSchema,
	reason: z
		.string('reason_required')
		.trim()
		.min(1, 'reason_required')
		.max(REASON_MAX_LENGTH, 'reason_too_long')
});
export type RejectApplicationInput = z.input<typeof RejectApplicationSchema>;
