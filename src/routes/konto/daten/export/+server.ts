import { error, redirect, type RequestHandler } from '@sveltejs/kit';
import { exportAccount } from '$lib/server/people';
import { isDomainError } from '$lib/server/errors';

/** The signed-in person's data as a JSON download (GDPR Art. 15 and 20). */
export const GET: RequestHandler = async ({ locals }) => {
	if (locals.ctx.actor.kind !== 'person') {
		redirect(303, `/anmelden?weiter=${encodeURIComponent('/konto/daten')}`);
	}
	let result;
	try {
		result = await exportAccount(locals.ctx);
	} catch (caught) {
		if (isDomainError(caught)) error(caught.status, { message: caught.message });
		throw caught;
	}
	return new Response(JSON.stringify(result.data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${result.fileName}"`,
			'cache-control': 'no-store'
		}
	});
};
