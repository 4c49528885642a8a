/**
 * The ids a form field gives its hint and error paragraphs, and the value of its
 * `aria-describedby` (undefined when there is neither, so the attribute is left out).
 */
export interface FieldIds {
	hintId: string;
	errorId: string;
	describedBy: string | undefined;
}

export function fieldIds(
	id: string,
	{ hint, error }: { hint?: string | null; error?: string | null }
): FieldIds {
	const hintId = `${id}-hint`;
	const errorId = `${id}-error`;
	const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
	return { hintId, errorId, describedBy: describedBy || undefined };
}
