/**
 * Idea-pool records for tests against the running server, written straight into its database
 * (for tests that need a world to look at; the journey creates its idea through the UI).
 */
import { withServerDatabase } from './people';

export interface TestIdeaInput {
	/** The posting municipality's AGS. */
	ags: string;
	title: string;
	/** Used for problem, solution and benefit unless given. */
	text?: string;
	authorPersonId?: number | null;
}

export async function createTestIdea(input: TestIdeaInput): Promise<number> {
	return withServerDatabase(async (db) => {
		const now = new Date().toISOString();
		const municipality = await db
			.selectFrom('municipality')
			.select('id')
			.where('ags', '=', input.ags)
			.executeTakeFirstOrThrow();
		const text = input.text ?? `${input.title}: Beschreibung für den Test.`;
		const idea = await db
			.insertInto('idea')
			.values({
				title: input.title,
				problem: text,
				solution: text,
				benefit: text,
				municipality_id: municipality.id,
				author_person_id: input.authorPersonId ?? null,
				created_at: now,
				updated_at: now,
				last_activity_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await db
			.insertInto('idea_state_change')
			.values({ idea_id: idea.id, status: 'new', person_id: null, reason: null, created_at: now })
			.execute();
		return idea.id;
	});
}
