import type { PageServerLoad } from './$types';
import { findSimilarProjects } from '$lib/server/search';
import { listProjectAttachments } from '$lib/server/attachments';
import { listSubjectDiscussions } from '$lib/server/discussions';
import { getJointProject } from '$lib/server/ideas';
import { getProject } from '$lib/server/projects';
import { getProjectReuseSummary } from '$lib/server/reuse';
import { followState } from '$lib/server/notifications';
import { orHttpError } from '$lib/server/web/http-errors';

// A profile page needs no JavaScript; it prints as a one-page profile.
export const csr = false;

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const project = await orHttpError(getProject(locals.ctx, Number(params.id)));
	const [attachments, reuse, discussions, similar, following, joint] = await Promise.all([
		listProjectAttachments(locals.ctx, project.id),
		getProjectReuseSummary(locals.ctx, project.id),
		listSubjectDiscussions(locals.ctx, { type: 'project', id: project.id }),
		findSimilarProjects(locals.ctx, {
			title: project.title,
			summary: project.summary,
			excludeId: project.id
		}),
		followState(locals.ctx, `project:${project.id}`),
		getJointProject(locals.ctx, project.id)
	]);
	const saved = url.searchParams.get('gespeichert');
	return {
		project,
		attachments: attachments.attachments,
		canEditAttachments: attachments.canEdit,
		reuse,
		discussions,
		similar,
		following,
		joint,
		saved: saved === 'kurz' ? 'quick' : saved === '1' ? 'full' : null
	};
};
