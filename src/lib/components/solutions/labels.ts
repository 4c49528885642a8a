/**
 * Labels of the solutions register's codes (categories, adoption stages) in the current or a
 * given locale. Importers use `{ locale: 'de' }` to accept the German label as well as the code.
 */
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

type Options = { locale?: Locale };

const CATEGORY_LABELS = {
	fachverfahren: m.solutions_category_fachverfahren,
	dms: m.solutions_category_dms,
	e_payment: m.solutions_category_e_payment,
	termin: m.solutions_category_termin,
	portal: m.solutions_category_portal,
	app: m.solutions_category_app,
	ratsinformation: m.solutions_category_ratsinformation,
	kommunikation: m.solutions_category_kommunikation,
	infrastruktur: m.solutions_category_infrastruktur,
	sonstiges: m.solutions_category_sonstiges
} as const;

const STAGE_LABELS = {
	interested: m.solutions_stage_interested,
	evaluating: m.solutions_stage_evaluating,
	pilot: m.solutions_stage_pilot,
	live: m.solutions_stage_live,
	stopped: m.solutions_stage_stopped
} as const;

export type CategoryCode = keyof typeof CATEGORY_LABELS;
export type StageCode = keyof typeof STAGE_LABELS;

export function categoryLabel(code: string, options: Options = {}): string {
	const label = CATEGORY_LABELS[code as CategoryCode];
	return label ? label({}, options) : code;
}

export function stageLabel(code: string, options: Options = {}): string {
	const label = STAGE_LABELS[code as StageCode];
	return label ? label({}, options) : code;
}

/** A field problem code (from a domain error) as the German or English sentence. */
export function solutionsError(code: string | undefined | null): string | null {
	if (!code) return null;
	const key = `solutions_error_${code}` as keyof typeof m;
	const message = m[key] as ((inputs?: object) => string) | undefined;
	return typeof message === 'function' ? message() : m.solutions_error_unknown();
}

export const CATEGORY_CODES = Object.keys(CATEGORY_LABELS) as CategoryCode[];
export const STAGE_CODES = Object.keys(STAGE_LABELS) as StageCode[];
