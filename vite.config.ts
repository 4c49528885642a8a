import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './paraglide.config.js';
import { e2eWorkers } from './scripts/e2e-workers.js';

export default defineConfig({
	plugins: [sveltekit(), paraglideVitePlugin(paraglideOptions)],
	server: { port: 3000 },
	build: {
		rolldownOptions: {
			// The timing report is noise for people running `npm start`.
			checks: { bundlerTimings: false }
		}
	},
	test: {
		// A fixed installation secret, so no test writes a key file into the project's data folder.
		env: { SECRET_KEY: 'test-only-secret-key-0123456789abcdefghijklmnop' },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
					exclude: ['src/**/*.db.test.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'db',
					environment: 'node',
					include: ['src/**/*.db.test.ts', 'tests/db/**/*.test.ts'],
					globalSetup: ['tests/support/db-global-setup.ts'],
					setupFiles: ['tests/support/db-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					// Journeys of a dozen pages, each checked with axe, on a shared CI machine: the limit
					// catches a hang, it measures nothing (speed is for the benchmarks).
					testTimeout: 150_000,
					hookTimeout: 120_000,
					// Files side by side, each worker against its own server (global-setup.ts).
					maxWorkers: e2eWorkers()
				}
			}
		]
	}
});
