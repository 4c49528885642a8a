/** Search: the German analyser, the index kept in step with the catalogue, the wheel finder. */
export {
	findProjectsMatchingPhrase,
	findSimilarProjects,
	getSynonymList,
	parseSearchParams,
	resetSynonymList,
	saveSynonymList,
	search,
	SEARCH_PAGE_SIZE,
	SEARCH_TYPES,
	shippedSynonymList,
	type AnswerPlace,
	type FacetCount,
	type SearchFacets,
	type SearchHit,
	type SearchInput,
	type SearchQuery,
	type SearchResult,
	type SearchType,
	type SimilarInput,
	type SimilarProject
} from './search.service';
export { ensureSearchIndex, rebuildSearchIndex } from './search.indexer';
export { snippetParts, type Snippet } from './snippet';
export {
	SearchApiQuerySchema,
	searchForApi,
	SimilarApiQuerySchema,
	similarForApi
} from './search.api';
