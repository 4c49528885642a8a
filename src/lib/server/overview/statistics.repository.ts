/**
 * The SQL of the network statistics: every query aggregates in the database (GROUP BY), so the
 * rows that come back number in the dozens, whatever the size of the catalogue. The rules (which
 * span counts for which year, what "today" means) are in statistics.ts.
 */
import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Db } from '../db';
import type { ProjectStatus, ReuseRequestStatus } from '../db/schema';
import type { ProjectScope } from '../projects';
import { projectVisibleParts } from '../projects/project.visibility';

type VisiblePart = ReturnType<typeof projectVisibleParts>[number];

/**
 * Runs a grouped query once per disjoint part of the scope (one visibility each, so SQLite uses
 * the statistics index instead of scanning the table, see project.visibility.ts) and returns
 * all rows: the parts' projects never overlap, so rows of the same group add up.
 */
async function perVisiblePart<T>(
	scope: ProjectScope,
	query: (part: VisiblePart) => Promise<T[]>
): Promise<T[]> {
	return (await Promise.all(projectVisibleParts(scope).map(query))).flat();
}

function isPostgres(db: Db): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The calendar year of a `YYYY-MM-DD` value (a `date` on PostgreSQL, text on SQLite). */
function yearOfDate(db: Db, value: RawBuilder<unknown>): RawBuilder<number> {
	return isPostgres(db)
		? sql<number>`cast(extract(year from ${value}) as integer)`
		: sql<number>`cast(substr(${value}, 1, 4) as integer)`;
}

/** The calendar year (UTC, on both dialects) of a timestamp. */
function yearOfTimestamp(db: Db, value: RawBuilder<unknown>): RawBuilder<number> {
	return isPostgres(db)
		? sql<number>`cast(extract(year from ${value} at time zone 'UTC') as integer)`
		: sql<number>`cast(substr(${value}, 1, 4) as integer)`;
}

export interface StatusSpanRow {
	status: ProjectStatus;
	/** The year the project reached the status. */
	fromYear: number;
	/** The year of its next status change; null while it still has the status. */
	untilYear: number | null;
	projects: number;
	/** Reported staff hours saved per year of these projects (null counts as 0). */
	hours: number;
}

/**
 * Each visible project's dated status changes as spans "status from year … until the year of the
 * next change", counted per (status, from, until). Changes on the same day are ordered by entry.
 * The same group may come once per visibility part; callers add them up.
 */
export async function countStatusSpans(db: Db, scope: ProjectScope): Promise<StatusSpanRow[]> {
	const next = sql`lead(project_status_change.changed_on) over (partition by project_status_change.project_id order by project_status_change.changed_on, project_status_change.id)`;
	const rows = await perVisiblePart(scope, (part) => {
		const spans = db
			.selectFrom('project')
			.innerJoin('project_status_change', 'project_status_change.project_id', 'project.id')
			.select([
				'project_status_change.status as status',
				yearOfDate(db, sql.ref('project_status_change.changed_on')).as('from_year'),
				yearOfDate(db, next).as('until_year'),
				'project.hours_saved_per_year as hours'
			])
			.where(part)
			.as('spans');
		return db
			.selectFrom(spans)
			.select((eb) => [
				'spans.status',
				'spans.from_year',
				'spans.until_year',
				eb.fn.countAll<number | string>().as('projects'),
				eb.fn.sum<number | string | null>(eb.fn.coalesce('spans.hours', eb.lit(0))).as('hours')
			])
			.groupBy(['spans.status', 'spans.from_year', 'spans.until_year'])
			.execute();
	});
	return rows.map((row) => ({
		status: row.status,
		fromYear: Number(row.from_year),
		untilYear: row.until_year === null ? null : Number(row.until_year),
		projects: Number(row.projects),
		hours: Number(row.hours ?? 0)
	}));
}

export interface UndatedStatusRow {
	status: ProjectStatus;
	/** The year the project was entered. */
	year: number;
	projects: number;
	hours: number;
}

/** Visible projects without any dated status change, by current status and year of entry. */
export async function countUndatedProjects(
	db: Db,
	scope: ProjectScope
): Promise<UndatedStatusRow[]> {
	const year = yearOfTimestamp(db, sql.ref('project.created_at'));
	const rows = await perVisiblePart(scope, (part) =>
		db
			.selectFrom('project')
			.select((eb) => [
				'project.status as status',
				year.as('year'),
				eb.fn.countAll<number | string>().as('projects'),
				eb.fn
					.sum<number | string | null>(eb.fn.coalesce('project.hours_saved_per_year', eb.lit(0)))
					.as('hours')
			])
			.where(part)
			.where((eb) =>
				eb.not(
					eb.exists(
						eb
							.selectFrom('project_status_change')
							.select('project_status_change.id')
							.whereRef('project_status_change.project_id', '=', 'project.id')
					)
				)
			)
			.groupBy(['project.status', year])
			.execute()
	);
	return rows.map((row) => ({
		status: row.status,
		year: Number(row.year),
		projects: Number(row.projects),
		hours: Number(row.hours ?? 0)
	}));
}

export interface CurrentProjectRow {
	status: ProjectStatus;
	topicFieldKey: string | null;
	projects: number;
	hours: number;
}

/** Visible projects as they are now, by status and topic field. */
export async function countCurrentProjects(
	db: Db,
	scope: ProjectScope
): Promise<CurrentProjectRow[]> {
	const rows = await perVisiblePart(scope, (part) =>
		db
			.selectFrom('project')
			.select((eb) => [
				'project.status as status',
				'project.topic_field_key as topic_field_key',
				eb.fn.countAll<number | string>().as('projects'),
				eb.fn
					.sum<number | string | null>(eb.fn.coalesce('project.hours_saved_per_year', eb.lit(0)))
					.as('hours')
			])
			.where(part)
			.groupBy(['project.status', 'project.topic_field_key'])
			.execute()
	);
	return rows.map((row) => ({
		status: row.status,
		topicFieldKey: row.topic_field_key,
		projects: Number(row.projects),
		hours: Number(row.hours ?? 0)
	}));
}

/** The OZG topic fields in their fixed order. */
export async function listTopicFields(
	db: Db
): Promise<{ key: string; name: string; position: number }[]> {
	return db
		.selectFrom('topic_field')
		.select(['key', 'name', 'position'])
		.orderBy('position')
		.execute();
}

/** Member municipalities by the year they joined (null: no date recorded). */
export async function countMembersByYear(
	db: Db
): Promise<{ year: number | null; members: number }[]> {
	const year = yearOfDate(db, sql.ref('municipality.member_since'));
	const rows = await db
		.selectFrom('municipality')
		.select((eb) => [year.as('year'), eb.fn.countAll<number | string>().as('members')])
		.where('municipality.membership_status', '=', 'member')
		.groupBy(year)
		.execute();
	return rows.map((row) => ({
		year: row.year === null ? null : Number(row.year),
		members: Number(row.members)
	}));
}

export interface ReuseYearRow {
	year: number;
	status: ReuseRequestStatus;
	requests: number;
}

/**
 * Reuse requests by year asked and status: those about a project the scope may see, and those
 * about a product of the register (not deleted), as `countAdoptedVisible` counts them.
 */
export async function countReuseRequestsByYear(
	db: Db,
	scope: ProjectScope
): Promise<ReuseYearRow[]> {
	const year = yearOfTimestamp(db, sql.ref('reuse_request.created_at'));
	const [onProjects, onProducts] = await Promise.all([
		perVisiblePart(scope, (part) =>
			db
				.selectFrom('reuse_request')
				.innerJoin('project', 'project.id', 'reuse_request.project_id')
				.select((eb) => [
					year.as('year'),
					'reuse_request.status as status',
					eb.fn.countAll<number | string>().as('requests')
				])
				.where(part)
				.groupBy([year, 'reuse_request.status'])
				.execute()
		),
		db
			.selectFrom('reuse_request')
			.innerJoin('product', 'product.id', 'reuse_request.product_id')
			.select((eb) => [
				year.as('year'),
				'reuse_request.status as status',
				eb.fn.countAll<number | string>().as('requests')
			])
			.where('product.deleted_at', 'is', null)
			.groupBy([year, 'reuse_request.status'])
			.execute()
	]);
	return [...onProjects, ...onProducts].map((row) => ({
		year: Number(row.year),
		status: row.status,
		requests: Number(row.requests)
	}));
}

/**
 * The products of the register used by the most municipalities at stage pilot or live; ties in
 * German alphabetical order.
 */
export async function listMostAdoptedProducts(
	db: Db,
	limit: number
): Promise<{ id: number; name: string; municipalities: number }[]> {
	const rows = await db
		.selectFrom('adoption')
		.innerJoin('product', 'product.id', 'adoption.product_id')
		.select((eb) => [
			'product.id as id',
			'product.name as name',
			eb.fn.count<number | string>('adoption.municipality_id').distinct().as('municipalities')
		])
		.where('adoption.stage', 'in', ['pilot', 'live'])
		.where('product.deleted_at', 'is', null)
		.groupBy(['product.id', 'product.name', 'product.name_sort'])
		.orderBy('municipalities', 'desc')
		.orderBy('product.name_sort')
		.orderBy('product.id')
		.limit(limit)
		.execute();
	return rows.map((row) => ({
		id: row.id,
		name: row.name,
		municipalities: Number(row.municipalities)
	}));
}
