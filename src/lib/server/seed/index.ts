export { seedDatabase, type SeedData, type SeedOutcome } from './seed.service';
export {
	loadDemoContent,
	loadRegisterSource,
	type DemoContent,
	type RegisterSource
} from './seed-source';
export { parseRegisterCsv, RegisterFileError, type RegisterEntry } from './register-file';
export { seedDir } from './seed-dir';
