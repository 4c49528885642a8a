/**
 * How many browser-test files run side by side, each against its own server: E2E_WORKERS, or 2
 * (a browser test mostly waits on the browser and the server, so two fit on two cores).
 */
export function e2eWorkers() {
	const configured = Number(process.env.E2E_WORKERS);
	return Number.isInteger(configured) && configured >= 1 ? configured : 2;
}
