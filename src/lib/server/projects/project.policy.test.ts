import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Actor, type PersonActor } from '../context';
import {
	canCreateProjectFor,
	canDeleteProject,
	canEditProject,
	canManageProjectSharing,
	canRestoreProject,
	canSeeProject,
	projectScopeOf,
	type ProjectAccessFacts
} from './project.policy';

const OWNER = 1;
const PARTNER = 2;
const OTHER = 3;

function person(municipalityIds: number[], extra: Partial<PersonActor> = {}): PersonActor {
	return {
		kind: 'person',
		personId: 10,
		displayName: 'Test',
		isCoordinator: false,
		municipalities: municipalityIds.map((municipalityId) => ({ municipalityId, role: 'member' })),
		sessionId: 'x',
		auth: { method: 'session' },
		hasTwoFactor: false,
		isEmailVerified: true,
		...extra
	};
}

const owner = person([OWNER]);
const partner = person([PARTNER]);
const other = person([OTHER]);
const coordinator = person([], { isCoordinator: true });
const ownerReadToken = person([OWNER], {
	sessionId: null,
	auth: { method: 'token', scope: 'read', tokenId: 1 }
});
const ownerWriteToken = person([OWNER], {
	sessionId: null,
	auth: { method: 'token', scope: 'read_write', tokenId: 2 }
});
const system: Actor = { kind: 'system', reason: 'test' };

function project(overrides: Partial<ProjectAccessFacts> = {}): ProjectAccessFacts {
	return {
		municipalityId: OWNER,
		partnerMunicipalityIds: [PARTNER],
		visibility: 'public',
		partnersCanEdit: false,
		deletedAt: null,
		...overrides
	};
}

describe('canSeeProject', () => {
	it('shows public projects to everyone, network projects to members, drafts to participants', () => {
		expect(canSeeProject(ANONYMOUS, project())).toBe(true);
		expect(canSeeProject(ANONYMOUS, project({ visibility: 'network' }))).toBe(false);
		expect(canSeeProject(other, project({ visibility: 'network' }))).toBe(true);
		expect(canSeeProject(ownerReadToken, project({ visibility: 'network' }))).toBe(true);
		const draft = project({ visibility: 'draft' });
		expect(canSeeProject(ANONYMOUS, draft)).toBe(false);
		expect(canSeeProject(other, draft)).toBe(false);
		expect(canSeeProject(owner, draft)).toBe(true);
		expect(canSeeProject(partner, draft)).toBe(true);
		expect(canSeeProject(coordinator, draft)).toBe(true);
	});

	it('hides deleted projects from everyone but the coordination', () => {
		const deleted = project({ deletedAt: '2026-11-25T10:00:00.000Z' });
		expect(canSeeProject(ANONYMOUS, deleted)).toBe(false);
		expect(canSeeProject(owner, deleted)).toBe(false);
		expect(canSeeProject(coordinator, deleted)).toBe(true);
		expect(canSeeProject(system, deleted)).toBe(true);
	});
});

describe('editing, deleting, restoring', () => {
	it('lets the owner edit, partners only when allowed, others never', () => {
		expect(canEditProject(owner, project())).toBe(true);
		expect(canEditProject(partner, project())).toBe(false);
		expect(canEditProject(partner, project({ partnersCanEdit: true }))).toBe(true);
		expect(canEditProject(other, project({ partnersCanEdit: true }))).toBe(false);
		expect(canEditProject(ANONYMOUS, project())).toBe(false);
		expect(canEditProject(coordinator, project())).toBe(true);
	});

	it('never lets a read-only token write; a read-write token may', () => {
		expect(canEditProject(ownerReadToken, project())).toBe(false);
		expect(canDeleteProject(ownerReadToken, project())).toBe(false);
		expect(canCreateProjectFor(ownerReadToken, OWNER)).toBe(false);
		expect(canEditProject(ownerWriteToken, project())).toBe(true);
	});

	it('keeps deletion and sharing with the owner and the coordination', () => {
		const shared = project({ partnersCanEdit: true });
		expect(canDeleteProject(owner, shared)).toBe(true);
		expect(canDeleteProject(partner, shared)).toBe(false);
		expect(canDeleteProject(coordinator, shared)).toBe(true);
		expect(canManageProjectSharing(owner, shared)).toBe(true);
		expect(canManageProjectSharing(partner, shared)).toBe(false);
		const deleted = project({ deletedAt: '2026-11-25T10:00:00.000Z' });
		expect(canEditProject(owner, deleted)).toBe(false);
		expect(canDeleteProject(coordinator, deleted)).toBe(false);
		expect(canRestoreProject(coordinator)).toBe(true);
		expect(canRestoreProject(owner)).toBe(false);
		expect(
			canRestoreProject(
				person([], {
					isCoordinator: true,
					sessionId: null,
					auth: { method: 'token', scope: 'read', tokenId: 3 }
				})
			)
		).toBe(false);
	});

	it('lets people add projects for their own municipalities only', () => {
		expect(canCreateProjectFor(owner, OWNER)).toBe(true);
		expect(canCreateProjectFor(owner, OTHER)).toBe(false);
		expect(canCreateProjectFor(coordinator, OTHER)).toBe(true);
		expect(canCreateProjectFor(ANONYMOUS, OWNER)).toBe(false);
	});
});

describe('projectScopeOf', () => {
	it('maps actors to list scopes', () => {
		expect(projectScopeOf(ANONYMOUS)).toEqual({ kind: 'public' });
		expect(projectScopeOf(coordinator)).toEqual({ kind: 'all' });
		expect(projectScopeOf(system)).toEqual({ kind: 'all' });
		expect(projectScopeOf(person([OWNER, PARTNER]))).toEqual({
			kind: 'members',
			draftMunicipalityIds: [OWNER, PARTNER]
		});
	});
});
