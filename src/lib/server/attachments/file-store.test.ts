import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileStoreFor, LocalFileStore, localStoreRoot, newStorageKey } from './file-store';

const dataDir = mkdtempSync(path.join(tmpdir(), 'drehscheibe-files-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
	return new Response(stream).text();
}

describe('LocalFileStore', () => {
	const store = new LocalFileStore(localStoreRoot(dataDir));

	it('stores bytes under a sharded path of a random key and reads them back', async () => {
		const key = newStorageKey();
		expect(key).toMatch(/^[0-9a-f]{32}$/);
		expect(newStorageKey()).not.toBe(key);
		await store.put(key, new TextEncoder().encode('Grüße aus Kehl'));
		const file = path.join(dataDir, 'attachments', key.slice(0, 2), key.slice(2, 4), key);
		expect(readFileSync(file, 'utf8')).toBe('Grüße aus Kehl');
		// No temporary file is left behind.
		expect(readdirSync(path.dirname(file))).toEqual([key]);
		const opened = await store.open(key);
		expect(opened?.size).toBe(Buffer.byteLength('Grüße aus Kehl'));
		expect(await text(opened!.stream)).toBe('Grüße aus Kehl');
	});

	it('takes a stream as well', async () => {
		const key = newStorageKey();
		await store.put(key, new Blob(['Teil 1, ', 'Teil 2']).stream());
		expect(await text((await store.open(key))!.stream)).toBe('Teil 1, Teil 2');
	});

	it('never overwrites a stored file', async () => {
		const key = newStorageKey();
		await store.put(key, new TextEncoder().encode('erst'));
		await expect(store.put(key, new TextEncoder().encode('zweit'))).rejects.toThrow();
		expect(await text((await store.open(key))!.stream)).toBe('erst');
	});

	it('deletes, and answers null for what is not there', async () => {
		const key = newStorageKey();
		await store.put(key, new TextEncoder().encode('weg'));
		await store.delete(key);
		expect(await store.open(key)).toBeNull();
		await expect(store.delete(key)).resolves.toBeUndefined();
	});

	it('refuses keys that could name another path', async () => {
		await expect(store.open('../../secret.key')).rejects.toThrow(/invalid storage key/);
		await expect(store.put('a/b', new Uint8Array([1]))).rejects.toThrow(/invalid storage key/);
	});

	it('is what the factory returns for DATA_DIR', () => {
		const configured = fileStoreFor({ dataDir });
		expect(configured).toBeInstanceOf(LocalFileStore);
		expect((configured as LocalFileStore).root).toBe(path.join(dataDir, 'attachments'));
	});
});
