/**
 * Background loops of the server process (the mail worker, maintenance). Kept deliberately
 * simple: one run at a time per process; work that must not run twice across instances guards
 * itself in the database (leases, SKIP LOCKED, idempotent deletes).
 */

export interface Loop {
	/** Stops the loop; resolves when a run in progress has finished. */
	stop(): Promise<void>;
}

/**
 * Runs `task` now and then `intervalMs` after each run has finished — never two at once, however
 * long a run takes. The timer does not keep the process alive.
 */
export function startLoop(
	task: () => Promise<unknown>,
	{ intervalMs, onError }: { intervalMs: number; onError: (error: unknown) => void }
): Loop {
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let running: Promise<void> | undefined;

	const run = async () => {
		try {
			await task();
		} catch (error) {
			onError(error);
		}
	};
	const schedule = (delay: number) => {
		timer = setTimeout(() => {
			timer = undefined;
			running = run().finally(() => {
				running = undefined;
				if (!stopped) schedule(intervalMs);
			});
		}, delay);
		timer.unref();
	};
	schedule(0);

	return {
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			timer = undefined;
			await running;
		}
	};
}
