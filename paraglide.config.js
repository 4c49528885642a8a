/**
 * Paraglide compiler options, shared by the Vite plugin (dev and build) and
 * `scripts/i18n-compile.js` (type checks and lint on a fresh clone, before any build).
 */
/** @type {import('@inlang/paraglide-js').CompilerOptions} */
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	// German is the default; English only when the person chose it (cookie).
	strategy: ['cookie', 'baseLocale'],
	cookieName: 'sprache'
};
