import { describe, expect, it } from 'vitest';
import type { PersonActor } from '../context';
import { ANONYMOUS } from '../context';
import {
	allowedIdeaStates,
	canActFor,
	canAllocateIn,
	canChangeIdeaState,
	canConvertIdea,
	canEditJointProject,
	canSeeIdeas,
	canSeeRoundResults,
	canSupportIdea,
	isReasonRequired,
	isWithinBudget
} from './idea.policy';
import { scoreSimilarIdeas } from './idea.similar';

const person = (overrides: Partial<PersonActor> = {}): PersonActor => ({
	kind: 'person',
	personId: 1,
	displayName: 'Lea',
	isCoordinator: false,
	municipalities: [{ municipalityId: 7, role: 'member' }],
	sessionId: 's',
	auth: { method: 'session' },
	hasTwoFactor: false,
	isEmailVerified: true,
	...overrides
});
const member = person();
const coordinator = person({ personId: 2, isCoordinator: true, municipalities: [] });
const readOnly = person({ auth: { method: 'token', scope: 'read', tokenId: 3 } });

describe('idea policy', () => {
	it('shows the pool to members and the coordination only', () => {
		expect(canSeeIdeas(ANONYMOUS)).toBe(false);
		expect(canSeeIdeas(person({ municipalities: [] }))).toBe(false);
		expect(canSeeIdeas(member)).toBe(true);
		expect(canSeeIdeas(coordinator)).toBe(true);
	});

	it('lets verified writers act for their own municipality only', () => {
		expect(canActFor(member, 7)).toBe(true);
		expect(canActFor(member, 8)).toBe(false);
		expect(canActFor(readOnly, 7)).toBe(false);
		expect(canActFor(person({ isEmailVerified: false }), 7)).toBe(false);
	});

	it('takes support while an idea is open', () => {
		expect(canSupportIdea(member, 'new', 7)).toBe(true);
		expect(canSupportIdea(member, 'accepted', 7)).toBe(true);
		expect(canSupportIdea(member, 'rejected', 7)).toBe(false);
		expect(canSupportIdea(member, 'implemented', 7)).toBe(false);
	});

	it('leaves states to the coordination; implemented only by converting', () => {
		expect(canChangeIdeaState(member, 'new', 'accepted')).toBe(false);
		expect(canChangeIdeaState(coordinator, 'new', 'accepted')).toBe(true);
		expect(canChangeIdeaState(coordinator, 'accepted', 'implemented')).toBe(false);
		expect(allowedIdeaStates(coordinator, 'rejected')).toEqual(['in_review']);
		expect(allowedIdeaStates(coordinator, 'implemented')).toEqual([]);
		expect(isReasonRequired('rejected')).toBe(true);
		expect(isReasonRequired('accepted')).toBe(false);
		expect(canConvertIdea(coordinator, { status: 'accepted', projectId: null })).toBe(true);
		expect(canConvertIdea(coordinator, { status: 'accepted', projectId: 4 })).toBe(false);
		expect(canConvertIdea(coordinator, { status: 'in_review', projectId: null })).toBe(false);
		expect(canConvertIdea(member, { status: 'accepted', projectId: null })).toBe(false);
	});

	it('runs rounds within the budget; results live only for the coordination', () => {
		expect(canAllocateIn(member, { status: 'open' }, 7)).toBe(true);
		expect(canAllocateIn(member, { status: 'closed' }, 7)).toBe(false);
		expect(canAllocateIn(member, { status: 'open' }, 8)).toBe(false);
		expect(canSeeRoundResults(member, { status: 'open' })).toBe(false);
		expect(canSeeRoundResults(member, { status: 'closed' })).toBe(true);
		expect(canSeeRoundResults(coordinator, { status: 'open' })).toBe(true);
		expect(isWithinBudget([3, 7], 10)).toBe(true);
		expect(isWithinBudget([3, 8], 10)).toBe(false);
		expect(isWithinBudget([-1, 5], 10)).toBe(false);
	});

	it('lets the lead and the coordination keep a joint project', () => {
		expect(canEditJointProject(member, 7)).toBe(true);
		expect(canEditJointProject(member, 8)).toBe(false);
		expect(canEditJointProject(coordinator, 8)).toBe(true);
		expect(canEditJointProject(readOnly, 7)).toBe(false);
	});
});

describe('similar ideas', () => {
	const ideas = [
		{ id: 1, title: 'Online-Terminvergabe im Bürgerbüro', problem: 'Lange Schlangen.' },
		{ id: 2, title: 'Kita-App', problem: 'Eltern wollen Termine der Kita sehen.' },
		{ id: 3, title: 'Digitale Hundesteuer', problem: 'Papierformulare.' }
	];

	it('needs a shared title word and ranks title hits first', () => {
		expect(
			scoreSimilarIdeas({ title: 'Terminvergabe für das Standesamt', problem: '' }, ideas)
		).toEqual([{ id: 1, score: 4 }]);
		expect(
			scoreSimilarIdeas({ title: 'Digitale Bauakte', problem: '' }, ideas).map((s) => s.id)
		).toEqual([3]);
		expect(scoreSimilarIdeas({ title: '', problem: 'Terminvergabe' }, ideas)).toEqual([]);
	});
});
