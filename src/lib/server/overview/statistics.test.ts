import { describe, expect, it } from 'vitest';
import { statusAtYearEnds, yearRange } from './statistics';

describe('yearRange', () => {
	it('runs from the first year with data to the current year', () => {
		expect(yearRange(2019, 2022)).toEqual([2019, 2020, 2021, 2022]);
		expect(yearRange(2022, 2022)).toEqual([2022]);
	});

	it('is the current year alone without data or with dates in the future', () => {
		expect(yearRange(undefined, 2026)).toEqual([2026]);
		expect(yearRange(2030, 2026)).toEqual([2026]);
	});
});

describe('statusAtYearEnds', () => {
	const years = [2020, 2021, 2022, 2023];

	it('holds a status from the year it was reached until the year of the next change', () => {
		const { projects, hours } = statusAtYearEnds(
			[
				// planning from 2020, replaced in 2022 (so at the end of 2020 and 2021)
				{ status: 'planung', fromYear: 2020, untilYear: 2022, projects: 2, hours: 0 },
				// live from 2022 with no later change: up to the last past year
				{ status: 'betrieb', fromYear: 2022, untilYear: null, projects: 2, hours: 30 },
				// reached and replaced within 2021: never at a year end
				{ status: 'idee', fromYear: 2021, untilYear: 2021, projects: 5, hours: 0 }
			],
			[],
			years
		);
		expect(projects.planung).toEqual([2, 2, 0, 0]);
		// The current year (2023) is left to today's state.
		expect(projects.betrieb).toEqual([0, 0, 2, 0]);
		expect(projects.idee).toEqual([0, 0, 0, 0]);
		expect(hours.betrieb).toEqual([0, 0, 30, 0]);
	});

	it('starts spans from before the range at its first year and counts undated projects', () => {
		const { projects } = statusAtYearEnds(
			[{ status: 'umsetzung', fromYear: 2015, untilYear: 2021, projects: 1, hours: 0 }],
			[{ status: 'betrieb', year: 2021, projects: 3, hours: 0 }],
			years
		);
		expect(projects.umsetzung).toEqual([1, 0, 0, 0]);
		expect(projects.betrieb).toEqual([0, 3, 3, 0]);
	});

	it('ignores changes dated after the last past year', () => {
		const { projects } = statusAtYearEnds(
			[{ status: 'betrieb', fromYear: 2023, untilYear: null, projects: 1, hours: 0 }],
			[],
			years
		);
		expect(projects.betrieb).toEqual([0, 0, 0, 0]);
	});
});
