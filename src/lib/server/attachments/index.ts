/** Project attachments: files stored behind a FileStore, served with the project's visibility. */
export {
	addAttachment,
	attachmentSettings,
	deleteAttachment,
	listProjectAttachments,
	openAttachment,
	type AttachmentDownload,
	type AttachmentSettings,
	type AttachmentView,
	type ProjectAttachments
} from './attachment.service';
export { ATTACHMENT_TITLE_MAX_LENGTH, type AddAttachmentInput } from './attachment.schema';
export { ALLOWED_MEDIA_TYPES, mediaTypeLabel } from './attachment.content';
export { contentDisposition } from './attachment.file-name';
export {
	fileStoreFor,
	LocalFileStore,
	localStoreRoot,
	newStorageKey,
	type FileStore,
	type StoredFile
} from './file-store';
export { refuseOversizedRequest, requestBodyLimit, germanSize } from './upload-limit';
