/** Import and export of projects and products in the canonical format (docs/interchange.md). */
export {
	exportFileName,
	exportProducts,
	exportProjects,
	importProducts,
	importProjects,
	MAX_LISTED_PROBLEMS,
	parseProjectExportFilter,
	type ExportedFile,
	type ImportOptions,
	type ImportProblem,
	type ImportResult,
	type ProjectExportFilter
} from './interchange.service';
export { canExport, canImport } from './interchange.policy';
export {
	CONTENT_TYPES,
	IMPORT_LIMITS,
	INTERCHANGE_FORMATS,
	writeSheet,
	type InterchangeFormat,
	type OutValue,
	type UploadedFile
} from './interchange.file';
export { PRODUCT_COLUMNS, PROJECT_COLUMNS } from './interchange.columns';
