/**
 * Signed-in persons for database tests: one row in `person`, plain memberships in the given
 * municipalities and the actor the session hook would build for them.
 */
import type { Insertable } from 'kysely';
import type { PersonActor } from '../../src/lib/server/context';
import type { AppDatabase } from '../../src/lib/server/db';
import type { PersonTable } from '../../src/lib/server/db/schema';

export interface ActorOptions {
	isCoordinator?: boolean;
	/** Signed in with a read-only API token instead of a session (canWrite refuses). */
	readOnly?: boolean;
	hasTwoFactor?: boolean;
}

/** The actor of a person who is a plain member of the given municipalities. */
export function personActor(
	personId: number,
	displayName: string,
	municipalityIds: readonly number[],
	options: ActorOptions = {}
): PersonActor {
	return {
		kind: 'person',
		personId,
		displayName,
		isCoordinator: options.isCoordinator ?? false,
		municipalities: municipalityIds.map((municipalityId) => ({
			municipalityId,
			role: 'member' as const
		})),
		sessionId: options.readOnly ? null : 'a'.repeat(64),
		auth: options.readOnly ? { method: 'token', scope: 'read', tokenId: 1 } : { method: 'session' },
		hasTwoFactor: options.hasTwoFactor ?? false,
		isEmailVerified: true
	};
}

/**
 * Inserts a person (the given columns; `display_name` and `is_coordinator` follow the actor),
 * makes them a member of the given municipalities and returns their actor.
 */
export async function insertPersonActor(
	db: AppDatabase['db'],
	person: Omit<Insertable<PersonTable>, 'display_name' | 'is_coordinator'> & {
		display_name: string;
	},
	municipalityIds: readonly number[],
	options: ActorOptions = {}
): Promise<PersonActor> {
	const row = await db
		.insertInto('person')
		.values({ ...person, is_coordinator: options.isCoordinator ?? false })
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const municipalityId of municipalityIds) {
		await db
			.insertInto('person_municipality')
			.values({ person_id: row.id, municipality_id: municipalityId, role: 'member' })
			.execute();
	}
	return personActor(row.id, person.display_name, municipalityIds, options);
}
