import { redirect, type RequestHandler } from '@sveltejs/kit';
import { isLocale } from '$lib/paraglide/runtime';

/** Only same-site paths are followed after switching, never another host. */
function safeReturnPath(value: FormDataEntryValue | null): string {
	if (
		typeof value !== 'string' ||
		!value.startsWith('/') ||
		value.startsWith('//') ||
		value.includes('\\')
	) {
		return '/';
	}
	return value;
}

/** Sets the language cookie and returns to the page the person came from (works without JS). */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData();
	const locale = form.get('locale');
	if (typeof locale === 'string' && isLocale(locale)) {
		cookies.set('sprache', locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 60 * 60 * 24 * 365
		});
	}
	redirect(303, safeReturnPath(form.get('redirectTo')));
};
