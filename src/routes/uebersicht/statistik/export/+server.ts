import type { RequestHandler } from './$types';
import { getLocale } from '$lib/paraglide/runtime';
import { getNetworkSummary } from '$lib/server/network';
import { getNetworkStatistics, writeStatisticsWorkbook } from '$lib/server/overview';
import { fileDownload } from '$lib/server/web/file-download';
import { m } from '$lib/paraglide/messages';
import { statisticsSheets } from '$lib/components/statistics/statistics-view';

/**
 * The statistics as an Excel workbook for the annual report, in the reader's language: the same
 * tables as the page, for the same audience (visitors: public projects only).
 */
export const GET: RequestHandler = async ({ locals }) => {
	const [statistics, network] = await Promise.all([
		getNetworkStatistics(locals.ctx),
		getNetworkSummary(locals.ctx)
	]);
	const sheets = statisticsSheets(
		statistics,
		getLocale(),
		network.name || m.network_fallback_name()
	);
	return fileDownload(await writeStatisticsWorkbook(sheets, statistics.asOf));
};
