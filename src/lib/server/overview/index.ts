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
	getOverviewMap,
	getProductStages,
	listMapProducts,
	MEMBERSHIP_MARKS,
	STAGE_MARKS,
	type MapMunicipality,
	type MapPoint,
	type MapProductOption,
	type MapTopicOption,
	type MembershipMark,
	type OverviewMap,
	type StageMark
} from './map.service';
export {
	MAP_COLOURING_PARAM,
	mapColouringValue,
	parseMapColouring,
	type MapColouring,
	type ParsedMapColouring
} from './map.schema';
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
export {
	coverageOf,
	getMatrixData,
	getTopicStages,
	listOverviewTopics,
	type MatrixCell,
	type MatrixData
} from './matrix';
export {
	exportAdoptionMatrix,
	getAdoptionMatrix,
	getTopicOverview,
	MATRIX_MEMBERSHIPS,
	MATRIX_SORTS,
	parseMatrixFilter,
	STAGE_EXPORT_LABELS,
	type MatrixFilter,
	type MatrixRow,
	type MatrixView,
	type TopicOverview
} from './matrix.view';
export { canAdministerTopics, canManageTopics } from './topic.policy';
export {
	createTopic,
	deleteTopic,
	getTopic,
	insertShippedTopics,
	listTopicProductChoices,
	listTopics,
	loadShippedTopics,
	nextTopicPosition,
	readShippedTopics,
	updateTopic,
	type ShippedTopic,
	type Topic
} from './topic.service';
export { TOPIC_LIMITS, type TopicInputRaw } from './topic.schema';
export {
	getNewSinceLastVisit,
	listNewestProjects,
	NEWS_LIMIT,
	type NewProject,
	type NewSinceLastVisit
} from './news';
