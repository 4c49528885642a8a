/**
 * The canonical column model of the interchange format (docs/interchange.md): the columns of a
 * project file and a product file, in export order, and the coded values with the German labels
 * they are also accepted by. The first label is the one named in error messages.
 */
import type { ProjectStatus, ProjectVisibility } from '../db/schema';
import { PRODUCT_CATEGORIES, type ProductCategory } from '../solutions';
import type { CodedOption } from './interchange.values';

export const PROJECT_COLUMNS = [
	'title',
	'summary',
	'description',
	'municipality_ags',
	'partner_ags',
	'status',
	'visibility',
	'themenfeld',
	'domain',
	'products',
	'tags',
	'started_on',
	'live_on',
	'costs_once_eur',
	'costs_yearly_eur',
	'staff_effort',
	'funding_programme',
	'hours_saved_per_year',
	'cases_per_year',
	'lessons_learned',
	'contact_email',
	'links',
	'partners_can_edit'
] as const;
export type ProjectColumn = (typeof PROJECT_COLUMNS)[number];

/** Columns a project file must have (the others may be left out). */
export const REQUIRED_PROJECT_COLUMNS: readonly ProjectColumn[] = [
	'title',
	'municipality_ags',
	'status'
];

export const PRODUCT_COLUMNS = [
	'name',
	'vendor',
	'category',
	'website',
	'open_source',
	'licence',
	'operator',
	'description'
] as const;
export type ProductColumn = (typeof PRODUCT_COLUMNS)[number];

export const REQUIRED_PRODUCT_COLUMNS: readonly ProductColumn[] = ['name', 'category'];

export const STATUS_OPTIONS: readonly CodedOption<ProjectStatus>[] = [
	{ code: 'idee', labels: ['Idee'] },
	{ code: 'planung', labels: ['Planung', 'In Planung'] },
	{ code: 'umsetzung', labels: ['Umsetzung', 'In Umsetzung'] },
	{ code: 'betrieb', labels: ['In Betrieb', 'Betrieb', 'live'] },
	{ code: 'pausiert', labels: ['Pausiert'] },
	{ code: 'eingestellt', labels: ['Eingestellt'] }
];

export const VISIBILITY_OPTIONS: readonly CodedOption<ProjectVisibility>[] = [
	{ code: 'public', labels: ['öffentlich', 'oeffentlich'] },
	{ code: 'network', labels: ['Netzwerk', 'Nur Netzwerkmitglieder', 'Netzwerkmitglieder'] },
	{ code: 'draft', labels: ['Entwurf'] }
];

const CATEGORY_LABELS: Record<ProductCategory, readonly string[]> = {
	fachverfahren: ['Fachverfahren'],
	dms: ['Dokumentenmanagement', 'DMS', 'E-Akte', 'Dokumentenmanagement / E-Akte'],
	e_payment: ['E-Payment', 'Bezahldienst', 'ePayment'],
	termin: ['Terminvergabe', 'Online-Terminvergabe'],
	portal: ['Portal', 'Bürgerportal', 'Serviceportal'],
	app: ['App'],
	ratsinformation: ['Ratsinformation', 'Ratsinformationssystem', 'Sitzungsdienst'],
	kommunikation: ['Kommunikation', 'Zusammenarbeit'],
	infrastruktur: ['Infrastruktur', 'IT-Infrastruktur'],
	sonstiges: ['Sonstiges']
};

export const CATEGORY_OPTIONS: readonly CodedOption<ProductCategory>[] = PRODUCT_CATEGORIES.map(
	(code) => ({ code, labels: CATEGORY_LABELS[code] })
);
