import { describe, expect, it } from 'vitest';
import type { Actor, PersonActor } from '../context';
import type { ReuseRequestStatus } from '../db/schema';
import { REUSE_REQUEST_STATUSES } from '../db/schema';
import {
	allowedReuseTransitions,
	canLinkReuseResult,
	canRequestReuseFor,
	canSeeReuseRequest,
	canTransitionReuseRequest,
	isActiveReuseStatus,
	requestingMunicipalitiesFor,
	type ReuseRequestFacts
} from './reuse.policy';

const KEHL = 1;
const LAHR = 2;
const OFFENBURG = 3;

function person(municipalityIds: number[], overrides: Partial<PersonActor> = {}): PersonActor {
	return {
		kind: 'person',
		personId: 7,
		displayName: 'Test',
		isCoordinator: false,
		municipalities: municipalityIds.map((municipalityId) => ({ municipalityId, role: 'member' })),
		sessionId: 's',
		auth: { method: 'session' },
		hasTwoFactor: false,
		isEmailVerified: true,
		...overrides
	};
}

const owner = person([KEHL]);
const requester = person([LAHR]);
const third = person([OFFENBURG]);
const coordinator = person([], { isCoordinator: true });
const readOnlyOwner = person([KEHL], { auth: { method: 'token', scope: 'read', tokenId: 1 } });
const anonymous: Actor = { kind: 'anonymous' };

const request = (
	status: ReuseRequestStatus,
	resultProjectId: number | null = null
): ReuseRequestFacts => ({
	status,
	ownerMunicipalityId: KEHL,
	requestingMunicipalityId: LAHR,
	resultProjectId
});

describe('transitions table', () => {
	// [from, to, side that may, allowed?]
	const table: [ReuseRequestStatus, ReuseRequestStatus, Actor, boolean][] = [
		['open', 'in_discussion', owner, true],
		['open', 'in_discussion', requester, false],
		['open', 'adopted', owner, true],
		['in_discussion', 'adopted', owner, true],
		['in_discussion', 'adopted', coordinator, true],
		['open', 'adopted', requester, false],
		['open', 'declined', owner, true],
		['in_discussion', 'declined', owner, true],
		['open', 'declined', requester, false],
		['open', 'withdrawn', requester, true],
		['in_discussion', 'withdrawn', requester, true],
		['open', 'withdrawn', owner, false],
		['open', 'withdrawn', coordinator, false],
		['in_discussion', 'in_discussion', owner, false],
		['adopted', 'declined', owner, false],
		['declined', 'adopted', owner, false],
		['withdrawn', 'in_discussion', owner, false],
		['adopted', 'withdrawn', requester, false],
		['open', 'open', owner, false],
		['open', 'adopted', third, false],
		['open', 'withdrawn', third, false],
		['open', 'adopted', readOnlyOwner, false],
		['open', 'adopted', anonymous, false]
	];
	for (const [from, to, actor, expected] of table) {
		const who =
			actor.kind === 'person'
				? actor.isCoordinator
					? 'coordinator'
					: `member of ${actor.municipalities.map((m) => m.municipalityId).join()}${actor.auth.method === 'token' ? ' (read token)' : ''}`
				: actor.kind;
		it(`${from} → ${to} by ${who}: ${expected ? 'allowed' : 'refused'}`, () => {
			expect(canTransitionReuseRequest(actor, request(from), to)).toBe(expected);
		});
	}

	it('offers each side only its own steps', () => {
		expect(allowedReuseTransitions(owner, request('open'))).toEqual([
			'in_discussion',
			'adopted',
			'declined'
		]);
		expect(allowedReuseTransitions(owner, request('in_discussion'))).toEqual([
			'adopted',
			'declined'
		]);
		expect(allowedReuseTransitions(requester, request('open'))).toEqual(['withdrawn']);
		for (const status of ['adopted', 'declined', 'withdrawn'] as const) {
			expect(allowedReuseTransitions(owner, request(status))).toEqual([]);
			expect(allowedReuseTransitions(requester, request(status))).toEqual([]);
		}
	});

	it('knows which states are active', () => {
		expect(REUSE_REQUEST_STATUSES.filter(isActiveReuseStatus)).toEqual(['open', 'in_discussion']);
	});
});

describe('who sees a request', () => {
	it('shows it to both sides and the coordination only', () => {
		expect(canSeeReuseRequest(owner, request('open'))).toBe(true);
		expect(canSeeReuseRequest(requester, request('open'))).toBe(true);
		expect(canSeeReuseRequest(coordinator, request('open'))).toBe(true);
		expect(canSeeReuseRequest(third, request('open'))).toBe(false);
		expect(canSeeReuseRequest(anonymous, request('open'))).toBe(false);
	});
});

describe('asking', () => {
	const project = { ownerMunicipalityId: KEHL, partnerMunicipalityIds: [OFFENBURG] };

	it('lets a member of another municipality ask', () => {
		expect(canRequestReuseFor(requester, project, LAHR)).toBe(true);
	});
	it('refuses the owner, a partner, a stranger to the municipality, a read token, visitors', () => {
		expect(canRequestReuseFor(owner, project, KEHL)).toBe(false);
		expect(canRequestReuseFor(third, project, OFFENBURG)).toBe(false);
		expect(canRequestReuseFor(third, project, LAHR)).toBe(false);
		expect(
			canRequestReuseFor(
				person([LAHR], { auth: { method: 'token', scope: 'read', tokenId: 2 } }),
				project,
				LAHR
			)
		).toBe(false);
		expect(canRequestReuseFor(anonymous, project, LAHR)).toBe(false);
		expect(canRequestReuseFor(coordinator, project, LAHR)).toBe(false);
	});
	it('lists the municipalities a person may ask for', () => {
		expect(requestingMunicipalitiesFor(person([KEHL, LAHR, OFFENBURG]), project)).toEqual([LAHR]);
		expect(requestingMunicipalitiesFor(anonymous, project)).toEqual([]);
	});
});

describe('linking the result', () => {
	it('is for the requesting side after adoption, once', () => {
		expect(canLinkReuseResult(requester, request('adopted'))).toBe(true);
		expect(canLinkReuseResult(requester, request('adopted', 5))).toBe(false);
		expect(canLinkReuseResult(requester, request('in_discussion'))).toBe(false);
		expect(canLinkReuseResult(owner, request('adopted'))).toBe(false);
		expect(canLinkReuseResult(coordinator, request('adopted'))).toBe(false);
	});
});
