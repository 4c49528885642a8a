import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		typescript: {
			// Type-check the operator and benchmark scripts written in TypeScript as well.
			config: (tsconfig) => {
				tsconfig.include.push('../scripts/**/*.ts');
			}
		},
		adapter: adapter({ out: 'build', precompress: true }),
		// The same-origin rule for form posts is applied in the request hook (sameOriginForms), so
		// that one-click unsubscribe (RFC 8058), which mail clients post without an Origin, works.
		csrf: { trustedOrigins: ['*'] },
		// A strict policy the app really passes: scripts only by nonce or hash, styles only from
		// our own origin (no inline style attributes anywhere in the markup), nothing framed.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// SvelteKit's route announcer hides itself with a style attribute (sveltejs/kit#11993);
				// allow exactly that attribute value and no other inline style.
				'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;
