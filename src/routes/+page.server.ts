import type { PageServerLoad } from './$types';
import { listRecentActivity } from '$lib/server/activity';
import {
	getRegisterFigures,
	listMunicipalities,
	parseMunicipalityFilter
} from '$lib/server/municipalities';
import { getNetwork } from '$lib/server/network';

export const load: PageServerLoad = async ({ locals }) => {
	const ctx = locals.ctx;
	const [network, figures, members, activity] = await Promise.all([
		getNetwork(ctx),
		getRegisterFigures(ctx),
		listMunicipalities(ctx, parseMunicipalityFilter(new URLSearchParams({ membership: 'member' }))),
		listRecentActivity(ctx, 6)
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
		activity
	};
};
