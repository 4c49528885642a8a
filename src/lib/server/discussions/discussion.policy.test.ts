import { describe, expect, it } from 'vitest';
import type { PersonActor } from '../context';
import {
	canAcceptAnswer,
	canEditPost,
	canModerateDiscussions,
	canPostInDiscussions,
	canReadDiscussions,
	canReportPost,
	canSeePostHistory
} from './discussion.policy';

const member: PersonActor = {
	kind: 'person',
	personId: 1,
	displayName: 'Anna',
	isCoordinator: false,
	municipalities: [{ municipalityId: 10, role: 'member' }],
	sessionId: 's',
	auth: { method: 'session' },
	hasTwoFactor: false,
	isEmailVerified: true
};
const other: PersonActor = { ...member, personId: 2 };
const coordinator: PersonActor = {
	...member,
	personId: 3,
	isCoordinator: true,
	municipalities: []
};
const anonymous = { kind: 'anonymous' } as const;

const ownPost = { authorPersonId: 1, isHidden: false, isOpening: false };
const question = { kind: 'question' as const, authorPersonId: 1 };

describe('discussion policy', () => {
	it('lets signed-in people read, visitors not', () => {
		expect(canReadDiscussions(member)).toBe(true);
		expect(canReadDiscussions(anonymous)).toBe(false);
	});

	it('lets verified members of a municipality and the coordination post', () => {
		expect(canPostInDiscussions(member)).toBe(true);
		expect(canPostInDiscussions(coordinator)).toBe(true);
		expect(canPostInDiscussions({ ...member, isEmailVerified: false })).toBe(false);
		expect(canPostInDiscussions({ ...member, municipalities: [] })).toBe(false);
		expect(
			canPostInDiscussions({ ...member, auth: { method: 'token', scope: 'read', tokenId: 1 } })
		).toBe(false);
		expect(canPostInDiscussions(anonymous)).toBe(false);
	});

	it('lets the author edit while the post is shown; others report it', () => {
		expect(canEditPost(member, ownPost)).toBe(true);
		expect(canEditPost(other, ownPost)).toBe(false);
		expect(canEditPost(coordinator, ownPost)).toBe(false);
		expect(canEditPost(member, { ...ownPost, isHidden: true })).toBe(false);
		expect(canReportPost(member, ownPost)).toBe(false);
		expect(canReportPost(other, ownPost)).toBe(true);
		expect(canReportPost(other, { ...ownPost, isHidden: true })).toBe(false);
	});

	it('lets the asker and the coordination accept a reply of a question', () => {
		const reply = { authorPersonId: 2, isHidden: false, isOpening: false };
		expect(canAcceptAnswer(member, question, reply)).toBe(true);
		expect(canAcceptAnswer(coordinator, question, reply)).toBe(true);
		expect(canAcceptAnswer(other, question, reply)).toBe(false);
		expect(canAcceptAnswer(member, { ...question, kind: 'discussion' }, reply)).toBe(false);
		expect(canAcceptAnswer(member, question, { ...reply, isOpening: true })).toBe(false);
		expect(canAcceptAnswer(member, question, { ...reply, isHidden: true })).toBe(false);
	});

	it('keeps moderation and the history of hidden posts with the coordination', () => {
		expect(canModerateDiscussions(coordinator)).toBe(true);
		expect(canModerateDiscussions(member)).toBe(false);
		const hidden = { ...ownPost, isHidden: true };
		expect(canSeePostHistory(other, ownPost)).toBe(true);
		expect(canSeePostHistory(member, hidden)).toBe(false);
		expect(canSeePostHistory(coordinator, hidden)).toBe(true);
	});
});
