/** Input of the domain administration; problems are `solutions_error_<code>` messages. */
import { z } from 'zod';

export const DOMAIN_NAME_MAX = 100;

export const DomainNameSchema = z.object({
	name: z
		.string('domain_name_required')
		.trim()
		.transform((value) => value.replace(/\s+/g, ' '))
		.pipe(z.string().min(1, 'domain_name_required').max(DOMAIN_NAME_MAX, 'domain_name_too_long'))
});
export type DomainNameInput = z.input<typeof DomainNameSchema>;
