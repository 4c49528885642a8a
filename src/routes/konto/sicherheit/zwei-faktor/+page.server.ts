import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	confirmTwoFactorSetup,
	disableTwoFactor,
	getTwoFactorStatus,
	qrCodeSvg,
	regenerateBackupCodes
} from '$lib/server/auth';
import { isDomainError } from '$lib/server/errors';
import { retryAfterOf } from '$lib/server/rate-limits';
import { orHttpError } from '$lib/server/web/http-errors';
import { m } from '$lib/paraglide/messages';
import { signedInPerson } from '../sign-in-required';

/** The enrolment page: the one page a person who must enrol may reach (see hooks.server.ts). */
export const load: PageServerLoad = async ({ locals, url }) => {
	signedInPerson(locals, url);
	const status = await orHttpError(getTwoFactorStatus(locals.ctx));
	return {
		status,
		qrSvg: status.setup ? await qrCodeSvg(status.setup.uri, m.two_factor_qr_label()) : null
	};
};

type Result = { action: string; retryAfterSeconds: number; fields: Record<string, string> };

/** Runs one action and maps its refusals to form data; `rename` moves field problems. */
async function attempt<T>(
	action: string,
	work: () => Promise<T>,
	setHeaders: (headers: Record<string, string>) => void,
	rename: Record<string, string> = {}
) {
	try {
		return { ok: true as const, value: await work() };
	} catch (error) {
		const retryAfterSeconds = retryAfterOf(error);
		if (retryAfterSeconds !== undefined) {
			setHeaders({ 'retry-after': String(retryAfterSeconds) });
			return { ok: false as const, failure: fail(429, { action, retryAfterSeconds, fields: {} }) };
		}
		if (isDomainError(error) && ['INVALID', 'CONFLICT', 'FORBIDDEN'].includes(error.code)) {
			const fields: Result['fields'] = {};
			for (const [field, problem] of Object.entries(error.fields)) {
				fields[rename[field] ?? field] = problem;
			}
			return {
				ok: false as const,
				failure: fail(error.status, { action, retryAfterSeconds: 0, fields })
			};
		}
		throw error;
	}
}

export const actions: Actions = {
	einrichten: async ({ request, locals, url, setHeaders }) => {
		signedInPerson(locals, url);
		const form = await request.formData();
		const result = await attempt(
			'setup',
			() => confirmTwoFactorSetup(locals.ctx, { code: form.get('code') }),
			setHeaders
		);
		if (!result.ok) return result.failure;
		return {
			action: 'setup',
			retryAfterSeconds: 0,
			fields: {},
			backupCodes: result.value.backupCodes
		};
	},
	ersatzcodes: async ({ request, locals, url, setHeaders }) => {
		signedInPerson(locals, url);
		const form = await request.formData();
		const result = await attempt(
			'regenerate',
			() => regenerateBackupCodes(locals.ctx, { code: form.get('regenerateCode') }),
			setHeaders,
			{ code: 'regenerateCode' }
		);
		if (!result.ok) return result.failure;
		return {
			action: 'regenerate',
			retryAfterSeconds: 0,
			fields: {},
			backupCodes: result.value.backupCodes
		};
	},
	abschalten: async ({ request, locals, url, setHeaders }) => {
		signedInPerson(locals, url);
		const form = await request.formData();
		const result = await attempt(
			'disable',
			() =>
				disableTwoFactor(locals.ctx, {
					currentPassword: form.get('disablePassword'),
					code: form.get('disableCode')
				}),
			setHeaders,
			{ code: 'disableCode', currentPassword: 'disablePassword' }
		);
		if (!result.ok) return result.failure;
		redirect(303, '/konto/sicherheit?erledigt=zwei-faktor-aus');
	}
};
