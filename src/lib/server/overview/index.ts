/**
 * The network overview: one query module for the matrix, the map, the statistics and the front
 * page's figures, so that a figure agrees wherever it appears (decision 0022).
 */
export {
	OVERVIEW_AUDIENCES,
	overviewAudienceOf,
	overviewProjectScope,
	type OverviewAudience
} from './audience';
export { clearOverviewCache, perContentVersion } from './cache';
export { getNetworkFigures, type NetworkFigures } from './figures';
export {
	getNetworkStatistics,
	TOP_PRODUCTS_LIMIT,
	type AdoptedProduct,
	type NetworkStatistics,
	type TopicFieldCount
} from './statistics';
export {
	statisticsFileName,
	writeStatisticsWorkbook,
	type WorkbookSheet
} from './statistics.workbook';
export {
	furtherStage,
	OVERVIEW_STAGES,
	STAGE_OF_ADOPTION,
	STAGE_OF_PROJECT_STATUS,
	STAGE_RANK,
	type OverviewStage
} from './stage';
