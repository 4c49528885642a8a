/**
 * The network's key figures. The front page, the statistics page and the annual-report export
 * all show these, from here, so the same figure never differs between two places.
 */
import type { Ctx } from '../context';
import { getRegisterFigures } from '../municipalities';
import { projectVisibleParts } from '../projects/project.visibility';
import { countAdoptedVisible } from '../reuse/reuse.repository';
import { overviewAudienceOf, overviewProjectScope, type OverviewAudience } from './audience';
import { perContentVersion } from './cache';

export interface NetworkFigures {
	/** Municipalities in the register (members or not). */
	municipalities: number;
	members: number;
	foundingMembers: number;
	memberPopulation: number;
	/** Published projects the audience may see. */
	projects: number;
	/** Of those, in operation (status `betrieb`). */
	liveProjects: number;
	/** Products in the solutions register. */
	products: number;
	/** Reuse requests that ended in an adoption ("wheels not reinvented"). */
	reuseAdopted: number;
	/** Staff hours saved per year, as reported for projects in operation. */
	hoursSavedPerYear: number;
}

function sumOf<T>(rows: readonly T[], value: (row: T) => number | string | null): number {
	return rows.reduce((sum, row) => sum + Number(value(row) ?? 0), 0);
}

async function computeFigures(ctx: Ctx, audience: OverviewAudience): Promise<NetworkFigures> {
	const scope = overviewProjectScope(audience);
	const [register, projects, products, reuseAdopted] = await Promise.all([
		getRegisterFigures(ctx),
		// Once per visibility: with an OR over visibilities SQLite scans the wide project rows, with
		// equality it reads the statistics index alone (migration 0022). The parts never overlap.
		Promise.all(
			projectVisibleParts(scope).map((part) =>
				ctx.db
					.selectFrom('project')
					.select((eb) => [
						eb.fn.countAll<number | string>().as('projects'),
						eb.fn
							.sum<number | string | null>(
								eb.case().when('project.status', '=', 'betrieb').then(1).else(0).end()
							)
							.as('live'),
						eb.fn
							.sum<number | string | null>(
								eb
									.case()
									.when('project.status', '=', 'betrieb')
									.then(eb.fn.coalesce('project.hours_saved_per_year', eb.lit(0)))
									.else(0)
									.end()
							)
							.as('hours')
					])
					.where(part)
					.executeTakeFirstOrThrow()
			)
		),
		ctx.db
			.selectFrom('product')
			.select((eb) => eb.fn.countAll<number | string>().as('n'))
			.where('product.deleted_at', 'is', null)
			.executeTakeFirstOrThrow(),
		countAdoptedVisible(ctx.db, scope)
	]);
	return {
		...register,
		projects: sumOf(projects, (row) => row.projects),
		liveProjects: sumOf(projects, (row) => row.live),
		products: Number(products.n),
		reuseAdopted,
		hoursSavedPerYear: sumOf(projects, (row) => row.hours)
	};
}

export async function getNetworkFigures(ctx: Ctx): Promise<NetworkFigures> {
	const audience = overviewAudienceOf(ctx.actor);
	return perContentVersion(ctx, audience, 'figures', () => computeFigures(ctx, audience));
}
