import path from 'node:path';

/** The shipped seed files live in `seed/` of the application folder. */
export function seedDir(appRoot: string): string {
	return path.join(appRoot, 'seed');
}
