/** Input of the topic administration; problems are `overview_error_<code>` messages. */
import { z } from 'zod';
import { splitTags } from '../text/input';

export const TOPIC_LIMITS = {
	name: 80,
	description: 300,
	tags: 20,
	tag: 60,
	phrases: 10,
	phrase: 100,
	products: 30,
	position: 999
} as const;

const collapse = (value: string) => value.trim().replace(/\s+/g, ' ');

export const TopicInputSchema = z
	.object({
		name: z
			.string('name_required')
			.transform(collapse)
			.pipe(z.string().min(1, 'name_required').max(TOPIC_LIMITS.name, 'name_too_long')),
		description: z
			.string('description_too_long')
			.nullish()
			.transform((value) => collapse(value ?? ''))
			.pipe(z.string().max(TOPIC_LIMITS.description, 'description_too_long')),
		tags: z
			.union([z.string(), z.array(z.string())], 'tags_invalid')
			.nullish()
			.transform((value) => (value === null || value === undefined ? [] : splitTags(value)))
			.pipe(
				z
					.array(z.string().max(TOPIC_LIMITS.tag, 'tag_too_long'))
					.max(TOPIC_LIMITS.tags, 'tags_too_many')
			),
		/** One phrase per line (or a list). */
		phrases: z
			.union([z.string(), z.array(z.string())], 'phrases_invalid')
			.nullish()
			.transform((value) => {
				const lines = typeof value === 'string' ? value.split(/\r?\n/) : (value ?? []);
				const seen = new Set<string>();
				return lines.map(collapse).filter((line) => {
					const key = line.toLowerCase();
					if (line === '' || seen.has(key)) return false;
					seen.add(key);
					return true;
				});
			})
			.pipe(
				z
					.array(z.string().max(TOPIC_LIMITS.phrase, 'phrase_too_long'))
					.max(TOPIC_LIMITS.phrases, 'phrases_too_many')
			),
		productIds: z
			.array(z.coerce.number('product_invalid').int('product_invalid').positive('product_invalid'))
			.max(TOPIC_LIMITS.products, 'products_too_many')
			.nullish()
			.transform((ids) => [...new Set(ids ?? [])]),
		position: z.coerce
			.number('position_invalid')
			.int('position_invalid')
			.min(1, 'position_invalid')
			.max(TOPIC_LIMITS.position, 'position_invalid')
	})
	.superRefine((topic, context) => {
		if (topic.tags.length === 0 && topic.phrases.length === 0 && topic.productIds.length === 0) {
			context.addIssue({ code: 'custom', path: ['phrases'], message: 'match_required' });
		}
	});

export type TopicInput = z.output<typeof TopicInputSchema>;
export type TopicInputRaw = { [K in keyof TopicInput]?: unknown };
