import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	API_TOKEN_DAY_CHOICES,
	createApiToken,
	listApiTokens,
	revokeApiToken
} from '$lib/server/auth';
import { isDomainError } from '$lib/server/errors';
import { retryAfterOf } from '$lib/server/rate-limits';
import { formText } from '$lib/server/web/form-data';

const PATH = '/konto/api-schluessel';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.ctx.actor.kind !== 'person')
		redirect(303, `/anmelden?weiter=${encodeURIComponent(PATH)}`);
	return { tokens: await listApiTokens(locals.ctx), dayChoices: API_TOKEN_DAY_CHOICES };
};

export const actions: Actions = {
	/**
	 * Makes a token and shows it in this answer only: it is never stored, so a later visit (or a
	 * reload through GET) cannot show it again.
	 */
	create: async ({ request, locals, setHeaders }) => {
		const form = await request.formData();
		const values = {
			name: formText(form, 'name', 200),
			scope: formText(form, 'scope'),
			days: formText(form, 'days')
		};
		try {
			const created = await createApiToken(locals.ctx, values, {
				ip: locals.clientAddress,
				userAgent: request.headers.get('user-agent')
			});
			// The answer carries a secret: no cache may keep it.
			setHeaders({ 'cache-control': 'no-store' });
			return {
				created: { token: created.token, name: created.apiToken.name },
				values: { name: '', scope: 'read', days: '' },
				fields: {} as Record<string, string>
			};
		} catch (error) {
			const retryAfterSeconds = retryAfterOf(error);
			if (retryAfterSeconds !== undefined) {
				setHeaders({ 'retry-after': String(retryAfterSeconds) });
				return fail(429, { values, fields: {}, retryAfterSeconds });
			}
			if (isDomainError(error) && error.code === 'INVALID') {
				return fail(400, { values, fields: error.fields });
			}
			throw error;
		}
	},

	revoke: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			const revoked = await revokeApiToken(locals.ctx, {
				id: form.get('id'),
				ip: locals.clientAddress,
				userAgent: request.headers.get('user-agent')
			});
			return { revoked: { name: revoked.name } };
		} catch (error) {
			if (isDomainError(error) && error.code === 'NOT_FOUND') {
				return fail(404, { revokeError: 'api_token_not_found' });
			}
			throw error;
		}
	}
};
