/**
 * Where the bytes of attachments live (decision 0018). The database holds only a random key; a
 * `FileStore` maps keys to bytes. `LocalFileStore` keeps them under `DATA_DIR/attachments`; an
 * S3-compatible store can implement the same interface later (put = PutObject, open = GetObject,
 * delete = DeleteObject) without touching the use cases.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

/** An opened stored file: its bytes as a web stream, and how many there are. */
export interface StoredFile {
	stream: ReadableStream<Uint8Array>;
	size: number;
}

export interface FileStore {
	/** Stores the bytes under the key; the key must not exist yet. Visible only once complete. */
	put(key: string, content: Uint8Array | ReadableStream<Uint8Array>): Promise<void>;
	/** The stored bytes, or null when nothing is stored under the key. */
	open(key: string): Promise<StoredFile | null>;
	/** Removes the bytes; a missing key is no error. */
	delete(key: string): Promise<void>;
}

/** 32 lower-case hex characters of randomness: never derived from anything the uploader chose. */
const KEY_PATTERN = /^[0-9a-f]{32}$/;

/** A fresh random storage key. */
export function newStorageKey(): string {
	return randomBytes(16).toString('hex');
}

export function isStorageKey(key: string): boolean {
	return KEY_PATTERN.test(key);
}

/**
 * Files on the local disk, sharded by the key's first two and next two characters
 * (`ab/cd/abcd…`) so that no folder grows past a few thousand entries. Writes go to a temporary
 * file in the same folder, are flushed to disk and then renamed: a crash leaves either the whole
 * file or none (plus, at worst, a `.tmp-*` file that is never served).
 */
export class LocalFileStore implements FileStore {
	constructor(readonly root: string) {}

	/** The file of a key; refuses anything but a well-formed key, so no path can be smuggled in. */
	pathOf(key: string): string {
		if (!isStorageKey(key)) throw new Error(`invalid storage key: ${key}`);
		return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
	}

	async put(key: string, content: Uint8Array | ReadableStream<Uint8Array>): Promise<void> {
		const target = this.pathOf(key);
		await mkdir(path.dirname(target), { recursive: true });
		const temporary = `${target}.tmp-${randomBytes(6).toString('hex')}`;
		const handle = await open(temporary, 'wx', 0o640);
		try {
			try {
				if (content instanceof Uint8Array) {
					await handle.writeFile(content);
				} else {
					const reader = content.getReader();
					for (;;) {
						const { done, value } = await reader.read();
						if (done) break;
						await handle.write(value);
					}
				}
				await handle.sync();
			} finally {
				await handle.close();
			}
			// Keys are random, so a collision is next to impossible; it must still never replace a file.
			if (await exists(target)) throw new Error(`storage key already in use: ${key}`);
			await rename(temporary, target);
		} catch (error) {
			await rm(temporary, { force: true });
			throw error;
		}
	}

	async open(key: string): Promise<StoredFile | null> {
		const file = this.pathOf(key);
		let size: number;
		try {
			const info = await stat(file);
			if (!info.isFile()) return null;
			size = info.size;
		} catch (error) {
			if (isMissing(error)) return null;
			throw error;
		}
		const stream = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
		return { stream, size };
	}

	async delete(key: string): Promise<void> {
		try {
			await unlink(this.pathOf(key));
		} catch (error) {
			if (!isMissing(error)) throw error;
		}
	}
}

async function exists(file: string): Promise<boolean> {
	try {
		await stat(file);
		return true;
	} catch (error) {
		if (isMissing(error)) return false;
		throw error;
	}
}

function isMissing(error: unknown): boolean {
	return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

/** The folder of the local store inside the data directory. */
export function localStoreRoot(dataDir: string): string {
	return path.join(dataDir, 'attachments');
}

const stores = new Map<string, FileStore>();

/**
 * The configured store of this installation. Only the local store exists so far; an S3 store
 * would be chosen here by a setting, and nothing else would change.
 */
export function fileStoreFor(settings: { dataDir: string }): FileStore {
	const root = localStoreRoot(settings.dataDir);
	let store = stores.get(root);
	if (!store) {
		store = new LocalFileStore(root);
		stores.set(root, store);
	}
	return store;
}
