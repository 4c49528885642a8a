/**
 * Catalogue records for tests against the running server, written straight into its database:
 * a project of a municipality with a given visibility, a product. For tests that need a world to
 * look at; the journeys that create records do so through the UI.
 */
import { indexProject } from '../../../src/lib/server/search/search.indexer';
import type { ProjectStatus, ProjectVisibility } from '../../../src/lib/server/db/schema';
import { germanSortKey } from '../../../src/lib/server/text/sort-key';
import { withServerDatabase } from './people';

export interface TestProjectInput {
	/** The owner's AGS. */
	ags: string;
	title: string;
	visibility: ProjectVisibility;
	status?: ProjectStatus;
	summary?: string;
	partnerAgs?: readonly string[];
}

export async function createTestProject(input: TestProjectInput): Promise<number> {
	return withServerDatabase(async (db) => {
		const now = new Date().toISOString();
		const owner = await db
			.selectFrom('municipality')
			.select('id')
			.where('ags', '=', input.ags)
			.executeTakeFirstOrThrow();
		const status = input.status ?? 'betrieb';
		const project = await db
			.insertInto('project')
			.values({
				title: input.title,
				title_sort: germanSortKey(input.title),
				summary: input.summary ?? `${input.title}: Zusammenfassung für den Test.`,
				municipality_id: owner.id,
				status,
				visibility: input.visibility,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('project_status_change')
			.values({ project_id: project.id, status, changed_on: now.slice(0, 10), person_id: null })
			.execute();
		for (const ags of input.partnerAgs ?? []) {
			const partner = await db
				.selectFrom('municipality')
				.select('id')
				.where('ags', '=', ags)
				.executeTakeFirstOrThrow();
			await db
				.insertInto('project_partner')
				.values({ project_id: project.id, municipality_id: partner.id })
				.execute();
		}
		// As the catalogue's services do, so that the search sees the project too.
		await indexProject(db, project.id);
		return project.id;
	});
}

export async function createTestProduct(name: string, category = 'fachverfahren'): Promise<number> {
	return withServerDatabase(async (db) => {
		const product = await db
			.insertInto('product')
			.values({
				name,
				name_sort: germanSortKey(name),
				category,
				updated_at: new Date().toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return product.id;
	});
}
