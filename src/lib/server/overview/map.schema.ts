/**
 * The map's one input: what it is coloured by, as the GET form sends it
 * (`?farbe=mitgliedschaft`, `?farbe=produkt-12`, `?farbe=thema-3`). Nothing or an empty value
 * means membership. Whether a named product or topic exists is for the service to say.
 */

export const MAP_COLOURING_PARAM = 'farbe';

export type MapColouring =
	{ kind: 'membership' } | { kind: 'product'; id: number } | { kind: 'topic'; id: number };

/** `invalid`: a value the form never sends. */
export interface ParsedMapColouring {
	colouring: MapColouring;
	problem: 'invalid' | null;
}

const MEMBERSHIP = 'mitgliedschaft';
const PRODUCT = /^produkt-([1-9][0-9]{0,8})$/;
const TOPIC = /^thema-([1-9][0-9]{0,8})$/;

export function parseMapColouring(params: URLSearchParams): ParsedMapColouring {
	const raw = (params.get(MAP_COLOURING_PARAM) ?? '').trim();
	if (raw === '' || raw === MEMBERSHIP) return { colouring: { kind: 'membership' }, problem: null };
	const product = PRODUCT.exec(raw);
	if (product?.[1])
		return { colouring: { kind: 'product', id: Number(product[1]) }, problem: null };
	const topic = TOPIC.exec(raw);
	if (topic?.[1]) return { colouring: { kind: 'topic', id: Number(topic[1]) }, problem: null };
	return { colouring: { kind: 'membership' }, problem: 'invalid' };
}

/** The form value of a colouring (the inverse of parseMapColouring). */
export function mapColouringValue(colouring: MapColouring): string {
	switch (colouring.kind) {
		case 'membership':
			return MEMBERSHIP;
		case 'product':
			return `produkt-${colouring.id}`;
		case 'topic':
			return `thema-${colouring.id}`;
	}
}
