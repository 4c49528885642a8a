/**
 * The network's key figures. The front page, the statistics page and the annual-report export
 * all show these, from here, so the same figure never differs between two places.
 */
import type { Ctx } from '../context';
import { getRegisterFigures } from '../municipalities';
import { projectVisibleTo } from '../projects';
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

async function computeFigures(ctx: Ctx, audience: OverviewAudience): Promise<NetworkFigures> {
	const scope = overviewProjectScope(audience);
	const [register, projects, products, reuseAdopted] = await Promise.all([
		getRegisterFigures(ctx),
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
			.where(projectVisibleTo(scope))
			.executeTakeFirstOrThrow(),
		ctx.db
			.selectFrom('product')
			.select((eb) => eb.fn.countAll<number | string>().as('n'))
			.where('product.deleted_at', 'is', null)
			.executeTakeFirstOrThrow(),
		countAdoptedVisible(ctx.db, scope)
	]);
	return {
		...register,
		projects: Number(projects.projects),
		liveProjects: Number(projects.live ?? 0),
		products: Number(products.n),
		reuseAdopted,
		hoursSavedPerYear: Number(projects.hours ?? 0)
	};
}

export async function getNetworkFigures(ctx: Ctx): Promise<NetworkFigures> {
	const audience = overviewAudienceOf(ctx.actor);
	return perContentVersion(ctx, audience, 'figures', () => computeFigures(ctx, audience));
}
