import type { Db } from './index';

/** The public content's version number (bumped by triggers on every change). */
export async function readContentVersion(db: Db): Promise<number> {
	const row = await db
		.selectFrom('content_version')
		.select('version')
		.where('id', '=', 1)
		.executeTakeFirstOrThrow();
	return Number(row.version);
}
