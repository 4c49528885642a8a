import type { PageServerLoad } from './$types';
import { listRecentActivity } from '$lib/server/activity';
import {
	getRegisterFigures,
	listMunicipalities,
	parseMunicipalityFilter
} from '$lib/server/municipalities';
import { getNetwork } from '$lib/server/network';
import { countWheelsNotReinvented } from '$lib/server/reuse';

export const load: PageServerLoad = async ({ locals }) => {
	const ctx = locals.ctx;
	const [network, figures, members, activity] = await Promise.all([
		getNetwork(ctx),
		getRegisterFigures(ctx),
		listMunicipalities(ctx, parseMunicipalityFilter(new URLSearchParams({ membership: 'member' }))),
		listRecentActivity(ctx, 6)
	]);
	// Adopted reuse requests the visitor may know of (for visitors: on public projects only).
	const wheelsNotReinvented = await countWheelsNotReinvented(ctx);
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
		wheelsNotReinvented
	};
};
