import { describe, expect, it } from 'vitest';
import { ADOPTION_STAGES, PROJECT_STATUSES } from '../db/schema';
import {
	furtherStage,
	OVERVIEW_STAGES,
	STAGE_OF_ADOPTION,
	STAGE_OF_PROJECT_STATUS,
	STAGE_RANK
} from './stage';

describe('the overview stage scale', () => {
	it('maps every project status and adoption stage onto it', () => {
		for (const status of PROJECT_STATUSES) {
			expect(OVERVIEW_STAGES).toContain(STAGE_OF_PROJECT_STATUS[status]);
		}
		for (const stage of ADOPTION_STAGES)
			expect(OVERVIEW_STAGES).toContain(STAGE_OF_ADOPTION[stage]);
		// A project in operation and a product in use are the same stage; so are a pilot and building.
		expect(STAGE_OF_PROJECT_STATUS.betrieb).toBe(STAGE_OF_ADOPTION.live);
		expect(STAGE_OF_PROJECT_STATUS.umsetzung).toBe(STAGE_OF_ADOPTION.pilot);
	});

	it('ranks stopped and paused work below every active stage', () => {
		expect(STAGE_RANK.stopped).toBeLessThan(STAGE_RANK.paused);
		expect(STAGE_RANK.paused).toBeLessThan(STAGE_RANK.idea);
		expect(STAGE_RANK.idea).toBeLessThan(STAGE_RANK.planning);
		expect(STAGE_RANK.planning).toBeLessThan(STAGE_RANK.building);
		expect(STAGE_RANK.building).toBeLessThan(STAGE_RANK.live);
	});

	it('keeps the further of two stages', () => {
		expect(furtherStage('idea', 'live')).toBe('live');
		expect(furtherStage('live', 'stopped')).toBe('live');
		expect(furtherStage('stopped', 'paused')).toBe('paused');
		expect(furtherStage(undefined, 'planning')).toBe('planning');
		expect(furtherStage('building', undefined)).toBe('building');
		expect(furtherStage(undefined, undefined)).toBeUndefined();
	});
});
