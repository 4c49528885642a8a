export { seedDatabase, type SeedData, type SeedOptions, type SeedOutcome } from './seed.service';
export { loadDemoCatalogue, type DemoCatalogue, type DemoCatalogueOutcome } from './demo-catalogue';
export { loadDemoPeople, type DemoAccount, type DemoPerson } from './demo-people';
export {
	loadDemoContent,
	loadRegisterSource,
	type DemoContent,
	type RegisterSource
} from './seed-source';
export { parseRegisterCsv, RegisterFileError, type RegisterEntry } from './register-file';
export { seedDir } from './seed-dir';
