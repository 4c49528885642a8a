/** Structured JSON logs (pino). One logger per process; request loggers are children. */
import pino, { type Logger } from 'pino';
import { config } from './config';

let root: Logger | undefined;

export function createLogger(level: string): Logger {
	root = pino({
		level,
		base: { app: 'drehscheibe' },
		timestamp: pino.stdTimeFunctions.isoTime,
		redact: {
			paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.token'],
			censor: '[entfernt]'
		}
	});
	return root;
}

export function logger(): Logger {
	root ??= createLogger(config().logLevel);
	return root;
}

export type { Logger };
