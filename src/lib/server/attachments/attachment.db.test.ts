/**
 * Attachments against a real database and a real file store in a temporary DATA_DIR, on SQLite
 * and PostgreSQL: who may add, list, open and delete files of which project, what is refused,
 * and that a refused or failed upload leaves neither a row nor stored bytes.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { ANONYMOUS, systemContext, type Actor, type PersonActor } from '../context';
import type { Db } from '../db';
import type { ProjectVisibility } from '../db/schema';
import {
	buildWorld,
	coordinator,
	errorOf,
	personIn,
	type World
} from '../memberships/membership.test-support';
import {
	addAttachment,
	deleteAttachment,
	listProjectAttachments,
	openAttachment,
	type AttachmentSettings
} from './attachment.service';
import {
	htmlPage,
	minimalDocx,
	minimalPdf,
	minimalPng,
	svgWithScript
} from './attachment.test-support';
import { LocalFileStore, localStoreRoot, type FileStore } from './file-store';

const t = useTestDatabase();
const dataDir = mkdtempSync(path.join(tmpdir(), 'drehscheibe-attachments-'));
const store = new LocalFileStore(localStoreRoot(dataDir));
const settings: AttachmentSettings = { store, maxBytes: 64 * 1024 };

let world: World;
let kehlMember: PersonActor;
let lahrMember: PersonActor;
let kora: PersonActor;
let projects: Record<'public' | 'network' | 'draft' | 'partnered', number>;

async function insertProject(
	db: Db,
	municipalityId: number,
	visibility: ProjectVisibility,
	partners: { ids: number[]; canEdit: boolean } = { ids: [], canEdit: false }
): Promise<number> {
	const row = await db
		.insertInto('project')
		.values({
			title: `Projekt ${visibility}`,
			title_sort: `projekt ${visibility}`,
			municipality_id: municipalityId,
			status: 'betrieb',
			visibility,
			has_partner_editing: partners.canEdit,
			updated_at: '2026-11-25T12:00:00.000Z'
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const id of partners.ids) {
		await db
			.insertInto('project_partner')
			.values({ project_id: row.id, municipality_id: id })
			.execute();
	}
	return row.id;
}

/** Every file in the store, however deep. */
function storedFiles(): string[] {
	const root = localStoreRoot(dataDir);
	const found: string[] = [];
	const walk = (dir: string) => {
		let names: string[];
		try {
			names = readdirSync(dir);
		} catch {
			return;
		}
		for (const name of names) {
			const full = path.join(dir, name);
			if (statSync(full).isDirectory()) walk(full);
			else found.push(name);
		}
	};
	walk(root);
	return found.sort();
}

const ctx = (actor: Actor) => t.ctx(actor);
const readOnly = (actor: PersonActor): PersonActor => ({
	...actor,
	sessionId: null,
	auth: { method: 'token', scope: 'read', tokenId: 1 }
});

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

beforeAll(async () => {
	world = await buildWorld(t.db);
	kehlMember = await personIn(t.db, [{ municipalityId: world.kehl, role: 'member' }]);
	lahrMember = await personIn(t.db, [{ municipalityId: world.lahr, role: 'member' }]);
	kora = await coordinator(t.db);
	projects = {
		public: await insertProject(t.db, world.kehl, 'public'),
		network: await insertProject(t.db, world.kehl, 'network'),
		draft: await insertProject(t.db, world.kehl, 'draft'),
		partnered: await insertProject(t.db, world.kehl, 'draft', {
			ids: [world.lahr],
			canEdit: true
		})
	};
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('addAttachment', () => {
	it('stores a PDF for an editor with the detected type, the cleaned name and a checksum', async () => {
		const before = storedFiles().length;
		const added = await addAttachment(
			ctx(kehlMember),
			projects.network,
			{ fileName: '../Ausschreibung Ä.pdf', bytes: minimalPdf(), title: ' Leistungsbeschreibung ' },
			settings
		);
		expect(added).toMatchObject({
			projectId: projects.network,
			fileName: 'Ausschreibung Ä.pdf',
			title: 'Leistungsbeschreibung',
			mediaType: 'application/pdf',
			typeLabel: 'PDF',
			sizeBytes: minimalPdf().byteLength,
			uploadedBy: kehlMember.displayName,
			url: `/projekte/${projects.network}/anhaenge/${added.id}`
		});
		expect(storedFiles()).toHaveLength(before + 1);
		const row = await t.db
			.selectFrom('attachment')
			.select(['storage_key', 'sha256'])
			.where('id', '=', added.id)
			.executeTakeFirstOrThrow();
		expect(row.storage_key).toMatch(/^[0-9a-f]{32}$/);
		expect(row.storage_key).not.toContain('Ausschreibung');
		expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
		const opened = await openAttachment(ctx(lahrMember), projects.network, added.id, settings);
		expect(await bytesOf(opened.stream)).toEqual(minimalPdf());
	});

	it('takes the type from the content, not from the name', async () => {
		const added = await addAttachment(
			ctx(kehlMember),
			projects.public,
			{ fileName: 'Bericht.pdf', bytes: minimalDocx() },
			settings
		);
		expect(added.mediaType).toBe(
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		);
		expect(added.fileName).toBe('Bericht.pdf.docx');
	});

	it('refuses HTML named .pdf, SVG, oversized and empty files, storing nothing', async () => {
		const files = storedFiles();
		const rows = await t.db.selectFrom('attachment').select('id').execute();
		const html = await errorOf(
			addAttachment(
				ctx(kehlMember),
				projects.public,
				{ fileName: 'x.pdf', bytes: htmlPage() },
				settings
			)
		);
		expect(html.code).toBe('UNSUPPORTED_MEDIA_TYPE');
		expect(html.status).toBe(415);
		expect(html.fields).toEqual({ file: 'unsupported_type' });
		const svg = await errorOf(
			addAttachment(
				ctx(kehlMember),
				projects.public,
				{ fileName: 'logo.svg', bytes: svgWithScript() },
				settings
			)
		);
		expect(svg.fields).toEqual({ file: 'unsupported_type' });
		const huge = new Uint8Array(settings.maxBytes + 1);
		huge.set(minimalPng());
		const large = await errorOf(
			addAttachment(
				ctx(kehlMember),
				projects.public,
				{ fileName: 'gross.png', bytes: huge },
				settings
			)
		);
		expect(large.code).toBe('PAYLOAD_TOO_LARGE');
		expect(large.fields).toEqual({ file: 'too_large' });
		const empty = await errorOf(
			addAttachment(
				ctx(kehlMember),
				projects.public,
				{ fileName: 'leer.pdf', bytes: new Uint8Array() },
				settings
			)
		);
		expect(empty.code).toBe('INVALID');
		expect(empty.fields).toEqual({ file: 'file_required' });
		const longTitle = await errorOf(
			addAttachment(
				ctx(kehlMember),
				projects.public,
				{ fileName: 'a.pdf', bytes: minimalPdf(), title: 'x'.repeat(201) },
				settings
			)
		);
		expect(longTitle.fields).toEqual({ title: 'too_long' });
		expect(storedFiles()).toEqual(files);
		expect(await t.db.selectFrom('attachment').select('id').execute()).toEqual(rows);
	});

	it('lets only editors add: not visitors, other members, read-only tokens', async () => {
		const files = storedFiles();
		const upload = (actor: Actor, projectId: number) =>
			errorOf(
				addAttachment(ctx(actor), projectId, { fileName: 'a.pdf', bytes: minimalPdf() }, settings)
			);
		expect((await upload(ANONYMOUS, projects.public)).code).toBe('FORBIDDEN');
		expect((await upload(lahrMember, projects.network)).code).toBe('FORBIDDEN');
		// Another municipality's draft: not even its existence is told.
		expect((await upload(lahrMember, projects.draft)).code).toBe('NOT_FOUND');
		expect((await upload(readOnly(kehlMember), projects.network)).code).toBe('FORBIDDEN');
		expect((await upload(kehlMember, 999_999)).code).toBe('NOT_FOUND');
		expect(storedFiles()).toEqual(files);
	});

	it('lets partners add where the owner allows it, and the coordination', async () => {
		const byPartner = await addAttachment(
			ctx(lahrMember),
			projects.partnered,
			{ fileName: 'Foto.png', bytes: minimalPng() },
			settings
		);
		expect(byPartner.mediaType).toBe('image/png');
		const byCoordinator = await addAttachment(
			ctx(kora),
			projects.draft,
			{ fileName: 'Vermerk.pdf', bytes: minimalPdf() },
			settings
		);
		expect(byCoordinator.projectId).toBe(projects.draft);
	});

	it('removes the stored file again when the row cannot be written', async () => {
		const files = storedFiles();
		// A store that, while the file is written, takes its key in the table: the insert fails.
		const sabotaged: FileStore = {
			async put(key, content) {
				await store.put(key, content);
				await t.db
					.insertInto('attachment')
					.values({
						project_id: projects.public,
						storage_key: key,
						file_name: 'besetzt.pdf',
						media_type: 'application/pdf',
						size_bytes: 1,
						sha256: '0'.repeat(64)
					})
					.execute();
			},
			open: (key) => store.open(key),
			delete: (key) => store.delete(key)
		};
		await expect(
			addAttachment(
				ctx(kehlMember),
				projects.public,
				{ fileName: 'a.pdf', bytes: minimalPdf() },
				{ store: sabotaged, maxBytes: settings.maxBytes }
			)
		).rejects.toThrow();
		expect(storedFiles()).toEqual(files);
		await t.db.deleteFrom('attachment').where('file_name', '=', 'besetzt.pdf').execute();
	});
});

describe('listProjectAttachments and openAttachment', () => {
	let networkFile: number;
	let draftFile: number;

	beforeAll(async () => {
		networkFile = (
			await addAttachment(
				ctx(kehlMember),
				projects.network,
				{ fileName: 'intern.pdf', bytes: minimalPdf() },
				settings
			)
		).id;
		draftFile = (
			await addAttachment(
				ctx(kehlMember),
				projects.draft,
				{ fileName: 'entwurf.pdf', bytes: minimalPdf() },
				settings
			)
		).id;
	});

	it('follows the project: members-only files never reach a visitor', async () => {
		expect(
			(await errorOf(listProjectAttachments(ctx(ANONYMOUS), projects.network, settings))).code
		).toBe('NOT_FOUND');
		expect(
			(await errorOf(openAttachment(ctx(ANONYMOUS), projects.network, networkFile, settings))).code
		).toBe('NOT_FOUND');
		const forMember = await listProjectAttachments(ctx(lahrMember), projects.network, settings);
		expect(forMember.canEdit).toBe(false);
		expect(forMember.attachments.map((a) => a.id)).toContain(networkFile);
		const forOwner = await listProjectAttachments(ctx(kehlMember), projects.network, settings);
		expect(forOwner.canEdit).toBe(true);
		expect(forOwner.maxBytes).toBe(settings.maxBytes);
	});

	it('hides another municipality’s draft and its files, also by a wrong project id', async () => {
		expect(
			(await errorOf(listProjectAttachments(ctx(lahrMember), projects.draft, settings))).code
		).toBe('NOT_FOUND');
		expect(
			(await errorOf(openAttachment(ctx(lahrMember), projects.draft, draftFile, settings))).code
		).toBe('NOT_FOUND');
		// The draft's file asked for under a project the person may see.
		expect(
			(await errorOf(openAttachment(ctx(lahrMember), projects.network, draftFile, settings))).code
		).toBe('NOT_FOUND');
		const opened = await openAttachment(ctx(kehlMember), projects.draft, draftFile, settings);
		expect(opened).toMatchObject({
			fileName: 'entwurf.pdf',
			mediaType: 'application/pdf',
			isPublic: false
		});
		await opened.stream.cancel();
	});

	it('lets read-only tokens read what their person may see', async () => {
		const list = await listProjectAttachments(ctx(readOnly(kehlMember)), projects.draft, settings);
		expect(list.canEdit).toBe(false);
		expect(list.attachments.map((a) => a.id)).toEqual(expect.arrayContaining([draftFile]));
	});

	it('marks files of public projects as cacheable', async () => {
		const added = await addAttachment(
			ctx(kehlMember),
			projects.public,
			{ fileName: 'flyer.png', bytes: minimalPng() },
			settings
		);
		const opened = await openAttachment(ctx(ANONYMOUS), projects.public, added.id, settings);
		expect(opened).toMatchObject({
			isPublic: true,
			mediaType: 'image/png',
			size: minimalPng().byteLength
		});
		expect(await bytesOf(opened.stream)).toEqual(minimalPng());
	});

	it('hides the files of a deleted project from everyone but the coordination', async () => {
		const project = await insertProject(t.db, world.kehl, 'public');
		const added = await addAttachment(
			ctx(kehlMember),
			project,
			{ fileName: 'a.pdf', bytes: minimalPdf() },
			settings
		);
		await t.db
			.updateTable('project')
			.set({ deleted_at: '2026-11-25T13:00:00.000Z' })
			.where('id', '=', project)
			.execute();
		expect((await errorOf(openAttachment(ctx(kehlMember), project, added.id, settings))).code).toBe(
			'NOT_FOUND'
		);
		const forKora = await openAttachment(ctx(kora), project, added.id, settings);
		expect(forKora.isPublic).toBe(false);
		await forKora.stream.cancel();
	});
});

describe('deleteAttachment', () => {
	it('lets editors remove a file: no longer listed or served, kept in the store', async () => {
		const added = await addAttachment(
			ctx(kehlMember),
			projects.network,
			{ fileName: 'alt.pdf', bytes: minimalPdf() },
			settings
		);
		const files = storedFiles();
		expect(
			(await errorOf(deleteAttachment(ctx(lahrMember), projects.network, added.id))).code
		).toBe('FORBIDDEN');
		expect(
			(await errorOf(deleteAttachment(ctx(readOnly(kehlMember)), projects.network, added.id))).code
		).toBe('FORBIDDEN');
		expect((await errorOf(deleteAttachment(ctx(ANONYMOUS), projects.network, added.id))).code).toBe(
			'NOT_FOUND'
		);
		await deleteAttachment(ctx(kehlMember), projects.network, added.id);
		const list = await listProjectAttachments(ctx(kehlMember), projects.network, settings);
		expect(list.attachments.map((a) => a.id)).not.toContain(added.id);
		expect(
			(await errorOf(openAttachment(ctx(kehlMember), projects.network, added.id, settings))).code
		).toBe('NOT_FOUND');
		expect(
			(await errorOf(deleteAttachment(ctx(kehlMember), projects.network, added.id))).code
		).toBe('NOT_FOUND');
		expect(storedFiles()).toEqual(files);
	});

	it('works for the system (CLI, jobs)', async () => {
		const added = await addAttachment(
			systemContext(t.db, 'test'),
			projects.public,
			{ fileName: 'cli.pdf', bytes: minimalPdf() },
			settings
		);
		expect(added.uploadedBy).toBeNull();
		await deleteAttachment(systemContext(t.db, 'test'), projects.public, added.id);
		const list = await listProjectAttachments(ctx(kora), projects.public, settings);
		expect(list.attachments.map((a) => a.id)).not.toContain(added.id);
	});
});
