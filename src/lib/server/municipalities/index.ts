export {
	getMunicipality,
	getRegisterFigures,
	listAssociations,
	listMunicipalities,
	type MunicipalityDetail,
	type MunicipalityPage,
	type MunicipalitySummary,
	type RegisterFigures
} from './municipality.service';
export {
	MUNICIPALITY_PAGE_SIZE,
	MUNICIPALITY_SINGLE_PAGE_MAX,
	municipalityPageSize,
	MUNICIPALITY_SORTS,
	parseMunicipalityFilter,
	type MunicipalityFilter,
	type MunicipalitySort
} from './municipality.schema';
export { canSeeApplications } from './municipality.policy';
