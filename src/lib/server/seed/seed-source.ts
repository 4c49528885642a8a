/** Loads the shipped seed files (see seed/README.md) from the application folder. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseRegisterCsv, type RegisterEntry } from './register-file';

export interface RegisterSource {
	entries: RegisterEntry[];
	/** Source line shown with the facts. */
	source: string;
	licence: string;
	licenceUrl: string;
	populationDate: string | null;
}

const RegisterManifestSchema = z.object({
	file: z.string(),
	source: z.string(),
	licence: z.string(),
	licenceUrl: z.url(),
	populationDate: z.iso.date().nullable()
});

const DateSchema = z.iso.date();

export const DemoContentSchema = z.object({
	network: z.object({
		name: z.string().min(1),
		shortName: z.string().min(1),
		region: z.string(),
		description: z.string(),
		contactEmail: z.string(),
		contactPhone: z.string(),
		postalAddress: z.string()
	}),
	members: z.array(
		z.object({
			ags: z.string().regex(/^\d{8}$/),
			since: DateSchema,
			founding: z.boolean().optional(),
			website: z.url().optional()
		})
	),
	applicants: z.array(z.object({ ags: z.string().regex(/^\d{8}$/), appliedOn: DateSchema }))
});
export type DemoContent = z.infer<typeof DemoContentSchema>;

export function loadRegisterSource(seedDir: string): RegisterSource {
	const manifest = RegisterManifestSchema.parse(
		JSON.parse(readFileSync(path.join(seedDir, 'register.json'), 'utf8'))
	);
	const csv = readFileSync(path.join(seedDir, manifest.file), 'utf8');
	return {
		entries: parseRegisterCsv(csv),
		source: manifest.source,
		licence: manifest.licence,
		licenceUrl: manifest.licenceUrl,
		populationDate: manifest.populationDate
	};
}

export function loadDemoContent(seedDir: string): DemoContent {
	return DemoContentSchema.parse(
		JSON.parse(readFileSync(path.join(seedDir, 'demo', 'network.json'), 'utf8'))
	);
}
