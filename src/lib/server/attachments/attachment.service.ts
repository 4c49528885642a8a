/**
 * Use cases of project attachments. The project's visibility decides who sees its files
 * (canSeeProject); its editors (canEditProject) add and remove them. A file is accepted only when
 * its bytes are one of the allowed kinds (attachment.content.ts) and it is not larger than
 * ATTACHMENT_MAX_BYTES. The bytes go to the file store first, then the row is written; when the
 * row cannot be written the stored bytes are removed again, so a failed upload leaves nothing.
 */
import { createHash } from 'node:crypto';
import { config } from '../config';
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import { DomainError, forbidden, invalid, notFound } from '../errors';
import { findProjectFacts, type ProjectFacts } from '../projects';
import { canEditProject, canSeeProject } from '../projects/project.policy';
import { detectAllowedMediaType, mediaTypeLabel } from './attachment.content';
import { cleanFileName } from './attachment.file-name';
import {
	findProjectAttachment,
	findProjectAttachments,
	insertAttachment,
	markAttachmentDeleted
} from './attachment.repository';
import { AddAttachmentSchema, fieldErrorsOf, type AddAttachmentInput } from './attachment.schema';
import { fileStoreFor, newStorageKey, type FileStore } from './file-store';

/** Where files go and how large they may be; from the configuration unless a test says. */
export interface AttachmentSettings {
	store: FileStore;
	maxBytes: number;
}

export function attachmentSettings(): AttachmentSettings {
	const cfg = config();
	return { store: fileStoreFor(cfg), maxBytes: cfg.attachmentMaxBytes };
}

export interface AttachmentView {
	id: number;
	projectId: number;
	fileName: string;
	title: string | null;
	mediaType: string;
	/** German label of the kind ("PDF", "Word-Dokument"). */
	typeLabel: string;
	sizeBytes: number;
	createdAt: string;
	uploadedBy: string | null;
	/** Where it is downloaded. */
	url: string;
}

export interface ProjectAttachments {
	projectId: number;
	projectTitle: string;
	canEdit: boolean;
	/** The largest file that may be added, in bytes. */
	maxBytes: number;
	attachments: AttachmentView[];
}

/** An attachment opened for download. */
export interface AttachmentDownload {
	fileName: string;
	mediaType: string;
	size: number;
	stream: ReadableStream<Uint8Array>;
	/** Whether shared caches may keep it: only files of public projects. */
	isPublic: boolean;
}

type AttachmentRow = Awaited<ReturnType<typeof findProjectAttachments>>[number];

function viewOf(row: AttachmentRow): AttachmentView {
	return {
		id: row.id,
		projectId: row.project_id,
		fileName: row.file_name,
		title: row.title,
		mediaType: row.media_type,
		typeLabel: mediaTypeLabel(row.media_type),
		sizeBytes: Number(row.size_bytes),
		createdAt: row.created_at,
		uploadedBy: row.uploaded_by_name,
		url: `/projekte/${row.project_id}/anhaenge/${row.id}`
	};
}

/** The project if the actor may see it; otherwise NOT_FOUND, as if there were none. */
async function visibleProject(ctx: Ctx, projectId: number): Promise<ProjectFacts> {
	const project = Number.isSafeInteger(projectId)
		? await findProjectFacts(ctx.db, projectId)
		: undefined;
	if (!project || !canSeeProject(ctx.actor, project)) throw notFound('project');
	return project;
}

/** The project if the actor may change it: NOT_FOUND when hidden, FORBIDDEN when only shown. */
async function editableProject(ctx: Ctx, projectId: number): Promise<ProjectFacts> {
	const project = await visibleProject(ctx, projectId);
	if (!canEditProject(ctx.actor, project)) throw forbidden('only the project editors');
	return project;
}

/** The project's attachments, for whoever may see the project (NOT_FOUND otherwise). */
export async function listProjectAttachments(
	ctx: Ctx,
	projectId: number,
	settings: Pick<AttachmentSettings, 'maxBytes'> = attachmentSettings()
): Promise<ProjectAttachments> {
	const project = await visibleProject(ctx, projectId);
	const rows = await findProjectAttachments(ctx.db, project.id);
	return {
		projectId: project.id,
		projectTitle: project.title,
		canEdit: canEditProject(ctx.actor, project),
		maxBytes: settings.maxBytes,
		attachments: rows.map(viewOf)
	};
}

/**
 * Adds a file to a project (its editors only). Refuses with a problem for the field `file`:
 * INVALID `file_required` (no bytes), PAYLOAD_TOO_LARGE `too_large`, UNSUPPORTED_MEDIA_TYPE
 * `unsupported_type` (content not an allowed kind, whatever the name says); INVALID `too_long`
 * for the title. The stored media type is the detected one.
 */
export async function addAttachment(
	ctx: Ctx,
	projectId: number,
	input: AddAttachmentInput,
	settings: AttachmentSettings = attachmentSettings()
): Promise<AttachmentView> {
	const project = await editableProject(ctx, projectId);
	// Size first: a huge file is refused before anything else looks at it.
	if (input.bytes.byteLength > settings.maxBytes) {
		throw new DomainError('PAYLOAD_TOO_LARGE', 'file too large', { file: 'too_large' });
	}
	const parsed = AddAttachmentSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const { bytes, title } = parsed.data;
	const mediaType = await detectAllowedMediaType(bytes);
	if (!mediaType) {
		throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'file type not allowed', {
			file: 'unsupported_type'
		});
	}
	const fileName = cleanFileName(parsed.data.fileName, mediaType);
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	const storageKey = newStorageKey();
	const uploadedBy = ctx.actor.kind === 'person' ? ctx.actor.personId : null;

	await settings.store.put(storageKey, bytes);
	let id: number;
	try {
		id = await inTransaction(ctx.db, (tx) =>
			insertAttachment(tx, {
				project_id: project.id,
				storage_key: storageKey,
				file_name: fileName,
				title,
				media_type: mediaType,
				size_bytes: bytes.byteLength,
				sha256,
				uploaded_by_person_id: uploadedBy,
				created_at: ctx.now().toISOString()
			})
		);
	} catch (error) {
		await settings.store.delete(storageKey);
		throw error;
	}
	const row = await findProjectAttachment(ctx.db, project.id, id);
	if (!row) throw notFound('attachment');
	return viewOf(row);
}

/**
 * Removes an attachment from the project (its editors only): the row is marked deleted and no
 * longer listed or served; the bytes stay in the store so that the coordination could restore it.
 */
export async function deleteAttachment(
	ctx: Ctx,
	projectId: number,
	attachmentId: number
): Promise<void> {
	const project = await editableProject(ctx, projectId);
	if (!Number.isSafeInteger(attachmentId)) throw notFound('attachment');
	const deleted = await inTransaction(ctx.db, (tx) =>
		markAttachmentDeleted(tx, project.id, attachmentId, ctx.now().toISOString())
	);
	if (!deleted) throw notFound('attachment');
}

/**
 * Opens an attachment for download. NOT_FOUND when the actor may not see the project, the
 * attachment belongs to another project or is deleted, or its bytes are missing.
 */
export async function openAttachment(
	ctx: Ctx,
	projectId: number,
	attachmentId: number,
	settings: Pick<AttachmentSettings, 'store'> = attachmentSettings()
): Promise<AttachmentDownload> {
	const project = await visibleProject(ctx, projectId);
	const row = Number.isSafeInteger(attachmentId)
		? await findProjectAttachment(ctx.db, project.id, attachmentId)
		: undefined;
	if (!row) throw notFound('attachment');
	const stored = await settings.store.open(row.storage_key);
	if (!stored) throw notFound('attachment');
	return {
		fileName: row.file_name,
		mediaType: row.media_type,
		size: stored.size,
		stream: stored.stream,
		isPublic: project.visibility === 'public' && project.deletedAt === null
	};
}
