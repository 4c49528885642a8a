import type { IncomingMessage } from 'node:http';
import type { Ctx } from '$lib/server/context';
import type { Logger } from '$lib/server/log';

declare global {
	namespace App {
		interface Locals {
			/** Database and actor for the use cases of this request. */
			ctx: Ctx;
			requestId: string;
			log: Logger;
			/** The client's address as far as the trusted proxies tell (rate limits, audit log). */
			clientAddress: string | null;
		}
		/** adapter-node passes the Node request (absent in `vite dev`). */
		interface Platform {
			req?: IncomingMessage;
		}
		interface Error {
			message: string;
			/** Quoted to support staff; matches the id in the server log. */
			errorId?: string;
		}
	}
}

export {};
