/** Register rows for database tests, inserted directly (the register's own tests cover its import). */
import { germanSortKey } from '../../src/lib/server/text/sort-key';
import type { AppDatabase } from '../../src/lib/server/db';
import type { MembershipStatus, MunicipalityType } from '../../src/lib/server/db/schema';

export interface TestMunicipality {
	ags: string;
	name: string;
	type?: MunicipalityType;
	membership?: MembershipStatus;
	population?: number;
	associationId?: number | null;
}

/** Inserts the municipalities and returns their ids by AGS. */
export async function insertMunicipalities(
	db: AppDatabase['db'],
	municipalities: readonly TestMunicipality[]
): Promise<Map<string, number>> {
	const ids = new Map<string, number>();
	for (const m of municipalities) {
		const row = await db
			.insertInto('municipality')
			.values({
				ags: m.ags,
				name: m.name,
				name_sort: germanSortKey(m.name),
				type: m.type ?? 'stadt',
				membership_status: m.membership ?? 'member',
				population: m.population ?? null,
				association_id: m.associationId ?? null,
				member_since: (m.membership ?? 'member') === 'member' ? '2024-01-01' : null,
				is_founding_member: false,
				is_demo: false,
				updated_at: '2026-11-25T10:00:00.000Z'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		ids.set(m.ags, row.id);
	}
	return ids;
}
