/**
 * Who may read and write in discussions, as pure functions of the actor (decision 0026).
 *
 * - Reading: every signed-in person (members and the coordination); a thread attached to a
 *   subject also needs the subject to be visible to them (checked through the subject registry).
 * - Writing (threads, replies, reports): people with write rights whose e-mail address is
 *   confirmed and who belong to a municipality, and the coordination.
 * - Editing a post: its author, while it is not hidden. Accepting an answer: the asker and the
 *   coordination. Hiding posts and deciding reports: the coordination.
 */
import type { Actor } from '../context';
import { canRead, canWrite, isCoordinator } from '../auth/auth.policy';

export function canReadDiscussions(actor: Actor): boolean {
	return canRead(actor);
}

export function canPostInDiscussions(actor: Actor): boolean {
	if (!canWrite(actor)) return false;
	if (actor.kind === 'system' || isCoordinator(actor)) return true;
	return actor.kind === 'person' && actor.isEmailVerified && actor.municipalities.length > 0;
}

export interface PostFacts {
	authorPersonId: number | null;
	isHidden: boolean;
	isOpening: boolean;
}

export function canEditPost(actor: Actor, post: PostFacts): boolean {
	if (post.isHidden || !canPostInDiscussions(actor)) return false;
	return actor.kind === 'person' && post.authorPersonId === actor.personId;
}

/** Any poster may report what someone else wrote, while it is shown. */
export function canReportPost(actor: Actor, post: PostFacts): boolean {
	if (post.isHidden || !canPostInDiscussions(actor)) return false;
	return actor.kind === 'person' && post.authorPersonId !== actor.personId;
}

export interface ThreadFacts {
	kind: 'discussion' | 'question';
	authorPersonId: number | null;
}

/** The asker (or the coordination) marks a reply of a question as its answer. */
export function canAcceptAnswer(actor: Actor, thread: ThreadFacts, post: PostFacts): boolean {
	if (thread.kind !== 'question' || post.isOpening || post.isHidden) return false;
	if (!canPostInDiscussions(actor)) return false;
	if (isCoordinator(actor)) return true;
	return actor.kind === 'person' && thread.authorPersonId === actor.personId;
}

export function canModerateDiscussions(actor: Actor): boolean {
	return canWrite(actor) && (actor.kind === 'system' || isCoordinator(actor));
}

/** Earlier versions: whoever reads the thread; of a hidden post, the coordination only. */
export function canSeePostHistory(actor: Actor, post: PostFacts): boolean {
	if (!canReadDiscussions(actor)) return false;
	return !post.isHidden || actor.kind === 'system' || isCoordinator(actor);
}
