/**
 * Where to go after signing in: only a path of this site, never another host. `//evil.example`,
 * `/\evil.example` and `https://…` all fall back to the home page (open-redirect protection).
 */
export function safeReturnPath(value: unknown): string {
	if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return '/';
	// eslint-disable-next-line no-control-regex
	if (value.startsWith('//') || value.includes('\\') || /[\u0000-\u001f\u007f]/.test(value)) {
		return '/';
	}
	const base = 'http://drehscheibe.invalid';
	try {
		const url = new URL(value, base);
		if (url.origin !== base) return '/';
		return `${url.pathname}${url.search}${url.hash}`;
	} catch {
		return '/';
	}
}
