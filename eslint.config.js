import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'src/lib/paraglide/',
			'bench-results/',
			'data/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommendedTypeChecked,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.node },
			parserOptions: {
				projectService: true,
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error',
			'@typescript-eslint/switch-exhaustiveness-check': 'error',
			eqeqeq: ['error', 'always'],
			'no-console': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			// Links are plain paths (no base path is configured); resolve() would add nothing.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: { parser: ts.parser, svelteConfig }
		}
	},
	{
		// The one script the browser loads on its own (progressive enhancement, no build step).
		files: ['static/scripts/**/*.js'],
		languageOptions: { globals: { ...globals.browser } }
	},
	{
		// Plain JavaScript build and test scripts are not type-checked.
		files: ['**/*.js'],
		...ts.configs.disableTypeChecked
	},
	{
		// Layering: domain and infrastructure code must not depend on SvelteKit, so that it runs
		// the same from a route, the CLI, a job or a test. Routes use a module's index, not its
		// repository.
		files: ['src/lib/server/**/*.ts'],
		ignores: ['src/lib/server/web/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['@sveltejs/kit', '@sveltejs/kit/*', '$app/*', '$lib/*'],
							message:
								'Domain code is framework-free and uses relative imports (see docs/architecture.md).'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/routes/**/*.ts', 'src/routes/**/*.svelte'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['**/*.repository', '**/*.repository.ts', '$lib/server/db/*'],
							message: 'Routes call use cases through a module index, never SQL.'
						}
					]
				}
			]
		}
	}
);
