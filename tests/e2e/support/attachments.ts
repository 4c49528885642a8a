/**
 * Attachments for tests against the running server: the bytes written into its file store under
 * DATA_DIR, the row into its database, as an upload would leave them.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { testServer } from './test-server';
import { LocalFileStore, localStoreRoot, newStorageKey } from '../../../src/lib/server/attachments';
import { minimalPdf } from '../../../src/lib/server/attachments/attachment.test-support';
import { withServerDatabase } from './people';

/** Adds a small PDF to a project; returns the attachment's id. */
export async function createTestAttachment(
	projectId: number,
	fileName = 'Testanhang.pdf'
): Promise<number> {
	const bytes = minimalPdf();
	const key = newStorageKey();
	await new LocalFileStore(localStoreRoot(testServer().dataDir)).put(key, bytes);
	return withServerDatabase(async (db) => {
		const row = await db
			.insertInto('attachment')
			.values({
				project_id: projectId,
				storage_key: key,
				file_name: fileName,
				media_type: 'application/pdf',
				size_bytes: bytes.byteLength,
				sha256: createHash('sha256').update(bytes).digest('hex')
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	});
}

/** How many files the server's store holds (temporary files included). */
export function storedFileCount(): number {
	const count = (dir: string): number => {
		let names: string[];
		try {
			names = readdirSync(dir);
		} catch {
			return 0;
		}
		return names.reduce((sum, name) => {
			const full = path.join(dir, name);
			return sum + (statSync(full).isDirectory() ? count(full) : 1);
		}, 0);
	};
	return count(localStoreRoot(testServer().dataDir));
}

/** How many attachment rows the server's database holds. */
export function attachmentRowCount(): Promise<number> {
	return withServerDatabase(async (db) => {
		const row = await db
			.selectFrom('attachment')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		return Number(row.n);
	});
}
