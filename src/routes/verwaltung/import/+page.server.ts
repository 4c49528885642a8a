import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	canImport,
	IMPORT_LIMITS,
	importProducts,
	importProjects,
	type ImportResult
} from '$lib/server/interchange';
import { orHttpError } from '$lib/server/web/http-errors';
import { formText } from '$lib/server/web/form-data';

// A plain multipart form and a result table: the page needs no JavaScript.
export const csr = false;

const KINDS = ['projects', 'products'] as const;
type Kind = (typeof KINDS)[number];

/** Coordinator-only: the administration layout lets municipality admins in, this page does not. */
function requireImporter(locals: App.Locals, url: URL): void {
	const actor = locals.ctx.actor;
	if (actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
	}
	if (!canImport(actor)) error(403, { message: 'Nur die Netzwerkkoordination importiert Daten' });
}

export const load: PageServerLoad = ({ locals, url }) => {
	requireImporter(locals, url);
	return {
		limits: { maxRows: IMPORT_LIMITS.maxRows, maxMb: IMPORT_LIMITS.maxBytes / 1024 / 1024 }
	};
};

export interface ImportOutcome {
	kind: Kind;
	fileName: string;
	result: ImportResult | null;
	fields: Record<string, string>;
}

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		requireImporter(locals, url);
		const form = await request.formData();
		const kindText = formText(form, 'kind', 20);
		const kind: Kind = (KINDS as readonly string[]).includes(kindText)
			? (kindText as Kind)
			: 'projects';
		const file = form.get('file');
		const dryRun = form.get('dryRun') === 'on';
		const fields: Record<string, string> = {};
		if (!(KINDS as readonly string[]).includes(kindText)) fields.kind = 'kind_invalid';
		if (!(file instanceof File) || file.size === 0 || file.name === '') {
			fields.file = 'file_missing';
		}
		if (Object.keys(fields).length > 0 || !(file instanceof File)) {
			return fail(400, {
				kind,
				fileName: '',
				result: null,
				fields,
				dryRun
			} satisfies ImportOutcome & {
				dryRun: boolean;
			});
		}
		const upload = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
		const run = kind === 'projects' ? importProjects : importProducts;
		const result = await orHttpError(run(locals.ctx, upload, { dryRun }));
		const outcome = { kind, fileName: file.name, result, fields, dryRun };
		return result.problems.length > 0 ? fail(400, outcome) : outcome;
	}
};
