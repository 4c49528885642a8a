import { describe, expect, it } from 'vitest';
import { TopicInputSchema } from './topic.schema';

const parse = (raw: Record<string, unknown>) => TopicInputSchema.safeParse({ position: 1, ...raw });
const codes = (raw: Record<string, unknown>) => {
	const result = parse(raw);
	return result.success
		? []
		: result.error.issues.map((issue) => `${String(issue.path[0])}:${issue.message}`);
};

describe('a matrix topic as typed', () => {
	it('cleans names, tags and phrases', () => {
		const result = parse({
			name: '  Online-\tTerminvergabe ',
			tags: 'Terminvergabe, terminvergabe;  Terminbuchung ,',
			phrases: ' Termin  buchen \n\nTermin buchen\r\nBürgerbüro ',
			productIds: ['3', 3, '7']
		});
		expect(result.success && result.data).toEqual({
			name: 'Online- Terminvergabe',
			description: '',
			tags: ['Terminvergabe', 'Terminbuchung'],
			phrases: ['Termin buchen', 'Bürgerbüro'],
			productIds: [3, 7],
			position: 1
		});
	});

	it('needs something to match by', () => {
		expect(codes({ name: 'WLAN' })).toEqual(['phrases:match_required']);
		expect(codes({ name: 'WLAN', tags: ' , ;' })).toEqual(['phrases:match_required']);
		expect(codes({ name: 'WLAN', productIds: [4] })).toEqual([]);
	});

	it('names each problem by its field', () => {
		expect(codes({ name: '', tags: 'x' })).toEqual(['name:name_required']);
		expect(codes({ name: 'x'.repeat(81), tags: 'x' })).toEqual(['name:name_too_long']);
		expect(codes({ name: 'A', tags: 'x', description: 'y'.repeat(301) })).toEqual([
			'description:description_too_long'
		]);
		expect(codes({ name: 'A', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) })).toEqual([
			'tags:tags_too_many'
		]);
		expect(
			codes({ name: 'A', phrases: Array.from({ length: 11 }, (_, i) => `p${i}`).join('\n') })
		).toEqual(['phrases:phrases_too_many']);
		expect(codes({ name: 'A', tags: 'x', productIds: ['abc'] })).toEqual([
			'productIds:product_invalid'
		]);
		expect(codes({ name: 'A', tags: 'x', position: 0 })).toEqual(['position:position_invalid']);
		expect(codes({ name: 'A', tags: 'x', position: 1000 })).toEqual(['position:position_invalid']);
		expect(codes({ name: 'A', tags: 'x', position: 2.5 })).toEqual(['position:position_invalid']);
	});
});
