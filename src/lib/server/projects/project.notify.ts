/**
 * What followers learn of projects (decision 0027): a new project in a municipality or topic
 * field, a project published, its status changed, or changed otherwise. Published in the write's
 * own transaction; drafts are nobody's news.
 */
import type { Ctx } from '../context';
import type { Db } from '../db';
import type { ProjectStatus, ProjectVisibility } from '../db/schema';
import { followSubject } from '../notifications/follows';
import { publishEvent, type Subject } from '../notifications/publish';

export const PROJECT_STATUS_LABELS_DE: Record<ProjectStatus, string> = {
	idee: 'Idee',
	planung: 'Planung',
	umsetzung: 'Umsetzung',
	betrieb: 'In Betrieb',
	pausiert: 'Pausiert',
	eingestellt: 'Eingestellt'
};

export interface ProjectNews {
	id: number;
	title: string;
	status: ProjectStatus;
	visibility: ProjectVisibility;
	municipalityId: number;
	topicFieldKey: string | null;
}

export type ProjectChange =
	| { kind: 'created' }
	| { kind: 'updated'; before: { status: ProjectStatus; visibility: ProjectVisibility } };

/** The event for a change, or null when followers need not hear of it. */
export function projectEventOf(
	project: ProjectNews,
	change: ProjectChange,
	municipalityName: string
): { kind: string; title: string; wide: boolean } | null {
	if (project.visibility === 'draft') return null;
	if (change.kind === 'created') {
		return {
			kind: 'project_created',
			title: `Neues Projekt in ${municipalityName}: „${project.title}“`,
			wide: true
		};
	}
	if (change.before.visibility === 'draft') {
		return {
			kind: 'project_published',
			title: `Projekt veröffentlicht in ${municipalityName}: „${project.title}“`,
			wide: true
		};
	}
	if (change.before.status !== project.status) {
		return {
			kind: 'project_status_changed',
			title: `„${project.title}“: Status jetzt „${PROJECT_STATUS_LABELS_DE[project.status]}“`,
			wide: true
		};
	}
	return { kind: 'project_updated', title: `„${project.title}“ wurde aktualisiert`, wide: false };
}

export async function publishProjectNews(
	db: Db,
	ctx: Ctx,
	project: ProjectNews,
	change: ProjectChange
): Promise<void> {
	const actorPersonId = ctx.actor.kind === 'person' ? ctx.actor.personId : null;
	// The author follows what they created.
	if (change.kind === 'created' && actorPersonId !== null) {
		await followSubject(db, actorPersonId, { type: 'project', id: project.id });
	}
	const municipality = await db
		.selectFrom('municipality')
		.select(['ags', 'name'])
		.where('id', '=', project.municipalityId)
		.executeTakeFirstOrThrow();
	const event = projectEventOf(project, change, municipality.name);
	if (!event) return;
	const subjects: Subject[] = [{ type: 'project', id: project.id }];
	// New, published and status news also reach followers of the municipality and topic field.
	if (event.wide) {
		subjects.push({ type: 'municipality', id: municipality.ags });
		if (project.topicFieldKey) subjects.push({ type: 'topic_field', id: project.topicFieldKey });
	}
	await publishEvent(db, {
		kind: event.kind,
		actorPersonId,
		audience: project.visibility === 'public' ? 'public' : 'members',
		title: event.title,
		url: `/projekte/${project.id}`,
		subjects,
		payload: { projectId: project.id },
		occurredAt: ctx.now()
	});
}
