export { getNetwork, listDataSources, type DataSource, type NetworkInfo } from './network.service';
