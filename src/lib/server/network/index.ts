export {
	getNetwork,
	getNetworkLegalText,
	getNetworkSummary,
	listDataSources,
	type DataSource,
	type LegalText,
	type NetworkInfo,
	type NetworkSummary
} from './network.service';
