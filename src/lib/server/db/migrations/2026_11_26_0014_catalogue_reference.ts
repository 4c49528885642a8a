import { sql, type Kysely } from 'kysely';
import {
	addContentVersionTriggers,
	createdAtColumn,
	idColumn,
	sortKeyType,
	timestampType
} from '../migration-helpers';
import { germanSortKey } from '../../text/sort-key';

/**
 * Reference lists of the catalogue: the OZG topic fields (Themenfelder of the federal OZG
 * catalogue, fixed, keyed by their slug) and the departments/domains (Fachbereiche) that the
 * coordination maintains, with a starting set.
 */
const TOPIC_FIELDS: readonly [string, string][] = [
	['arbeit-ruhestand', 'Arbeit & Ruhestand'],
	['bauen-wohnen', 'Bauen & Wohnen'],
	['bildung', 'Bildung'],
	['ein-auswanderung', 'Ein- & Auswanderung'],
	['engagement-hobby', 'Engagement & Hobby'],
	['familie-kind', 'Familie & Kind'],
	['forschung-foerderung', 'Forschung & Förderung'],
	['gesundheit', 'Gesundheit'],
	['mobilitaet-reisen', 'Mobilität & Reisen'],
	['querschnitt', 'Querschnittsleistungen'],
	['recht-ordnung', 'Recht & Ordnung'],
	['steuern-zoll', 'Steuern & Zoll'],
	['umwelt', 'Umwelt'],
	['unternehmensfuehrung', 'Unternehmensführung & -entwicklung']
];

const DOMAINS: readonly string[] = [
	'Bürgerservice und Bürgerbüro',
	'Finanzen und Kasse',
	'Bauen und Planen',
	'Ordnung und Sicherheit',
	'Schulen und Kinderbetreuung',
	'Organisation und IT',
	'Personal',
	'Soziales',
	'Tourismus und Kultur',
	'Umwelt und Energie',
	'Gremien und Ratsarbeit',
	'Bauhof und Infrastruktur'
];

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('topic_field')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.execute();
	for (const [index, [key, name]] of TOPIC_FIELDS.entries()) {
		await sql`insert into topic_field (key, name, position) values (${key}, ${name}, ${index + 1})`.execute(
			db
		);
	}

	await db.schema
		.createTable('domain')
		.addColumn('id', 'integer', idColumn(db))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_sort', sortKeyType(db), (c) => c.notNull().unique())
		.addColumn('is_archived', 'boolean', (c) => c.notNull().defaultTo(false))
		.addColumn('created_at', timestampType(db), createdAtColumn(db))
		.addColumn('updated_at', timestampType(db), createdAtColumn(db))
		.addCheckConstraint('domain_name_check', sql`name <> ''`)
		.execute();
	for (const name of DOMAINS) {
		await sql`insert into domain (name, name_sort) values (${name}, ${germanSortKey(name)})`.execute(
			db
		);
	}
	await addContentVersionTriggers(db, ['topic_field', 'domain']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('domain').execute();
	await db.schema.dropTable('topic_field').execute();
}
