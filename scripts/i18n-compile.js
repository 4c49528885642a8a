#!/usr/bin/env node
/** Compiles messages/*.json into src/lib/paraglide with the same options as the Vite build. */
import { compile } from '@inlang/paraglide-js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { paraglideOptions } from '../paraglide.config.js';

process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
await compile(paraglideOptions);
