import type { PageServerLoad } from './$types';
import { listRecentActivity } from '$lib/server/activity';
import { listMunicipalities, parseMunicipalityFilter } from '$lib/server/municipalities';
import { getNetwork } from '$lib/server/network';
import { getNetworkFigures, getNewSinceLastVisit, listNewestProjects } from '$lib/server/overview';

export const load: PageServerLoad = async ({ locals }) => {
	const ctx = locals.ctx;
	const [network, figures, members, activity, newestProjects, news] = await Promise.all([
		getNetwork(ctx),
		getNetworkFigures(ctx),
		listMunicipalities(ctx, parseMunicipalityFilter(new URLSearchParams({ membership: 'member' }))),
		listRecentActivity(ctx, 6),
		listNewestProjects(ctx, 5),
		getNewSinceLastVisit(ctx)
	]);
	return {
		description: network.description,
		figures,
		members: members.items.map((item) => ({
			ags: item.ags,
			name: item.name,
			isFoundingMember: item.isFoundingMember
		})),
		memberCount: members.total,
		activity,
		newestProjects,
		news
	};
};
