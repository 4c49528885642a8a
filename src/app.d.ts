import type { Ctx } from '$lib/server/context';
import type { Logger } from '$lib/server/log';

declare global {
	namespace App {
		interface Locals {
			/** Database and actor for the use cases of this request. */
			ctx: Ctx;
			requestId: string;
			log: Logger;
		}
		interface Error {
			message: string;
			/** Quoted to support staff; matches the id in the server log. */
			errorId?: string;
		}
	}
}

export {};
