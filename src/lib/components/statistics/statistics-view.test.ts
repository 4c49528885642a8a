import { describe, expect, it } from 'vitest';
import type { NetworkStatistics } from '$lib/server/overview';
import {
	changeText,
	chartRows,
	hoursSummary,
	membersSummary,
	productsSummary,
	projectsSummary,
	reuseSummary,
	statisticsCharts,
	statisticsSheets,
	topicsSummary
} from './statistics-view';

const series = (values: number[]) => values;

function statistics(overrides: Partial<NetworkStatistics> = {}): NetworkStatistics {
	return {
		audience: 'public',
		asOf: '2026-11-25',
		years: [2024, 2025, 2026],
		figures: {
			municipalities: 51,
			members: 23,
			foundingMembers: 8,
			memberPopulation: 300_000,
			projects: 20,
			liveProjects: 12,
			products: 21,
			reuseAdopted: 2,
			hoursSavedPerYear: 18_700
		},
		projectsByStatus: {
			idee: series([1, 1, 2]),
			planung: series([2, 3, 3]),
			umsetzung: series([3, 3, 3]),
			betrieb: series([8, 10, 12]),
			pausiert: series([0, 0, 0]),
			eingestellt: series([0, 1, 0])
		},
		projectsByTopicField: [
			{ key: 'bauen-wohnen', name: 'Bauen & Wohnen', projects: 4 },
			{ key: 'querschnitt', name: 'Querschnittsleistungen', projects: 14 },
			{ key: null, name: null, projects: 2 }
		],
		members: { total: [20, 23, 23], joined: [20, 3, 0] },
		reuseRequests: {
			open: [0, 0, 1],
			in_discussion: [0, 0, 1],
			adopted: [0, 1, 1],
			declined: [0, 0, 0],
			withdrawn: [0, 0, 0]
		},
		hoursSaved: [20_000, 19_000, 18_700],
		topProducts: [
			{ id: 1, name: 'enaio', municipalities: 6 },
			{ id: 2, name: 'Session', municipalities: 4 }
		],
		...overrides
	};
}

describe('summaries', () => {
	it('compares today with the end of last year', () => {
		expect(changeText([8, 10, 12], [2024, 2025, 2026])).toBe('2 mehr als Ende 2025');
		expect(changeText([5, 3], [2025, 2026])).toBe('2 weniger als Ende 2025');
		expect(changeText([3, 3], [2025, 2026])).toBe('genauso viele wie Ende 2025');
		expect(changeText([3], [2026])).toBeNull();
	});

	it('says in words what each chart shows', () => {
		const stats = statistics();
		expect(projectsSummary(stats, 'de')).toBe(
			'Projekte in Betrieb heute: 12 von 20 (2 mehr als Ende 2025).'
		);
		expect(topicsSummary(stats, 'de')).toBe(
			'Die meisten Projekte gehören zum Themenfeld Querschnittsleistungen: 14 von 20.'
		);
		expect(membersSummary(stats, 'de')).toBe(
			'Mitgliedskommunen heute: 23 (genauso viele wie Ende 2025).'
		);
		expect(reuseSummary(stats, 'de')).toBe(
			'Nachnutzungsanfragen seit 2025: 4, davon übernommen: 2.'
		);
		expect(hoursSummary(stats, 'de')).toBe(
			'Eingesparte Arbeitsstunden pro Jahr heute: 18.700 (300 weniger als Ende 2025).'
		);
		expect(productsSummary(stats, 'de')).toBe('Am häufigsten genutzt: enaio (Kommunen: 6).');
	});

	it('says so when there is nothing to show yet', () => {
		const empty = statistics({
			years: [2026],
			projectsByStatus: {
				idee: [0],
				planung: [0],
				umsetzung: [0],
				betrieb: [0],
				pausiert: [0],
				eingestellt: [0]
			},
			projectsByTopicField: [],
			members: { total: [0], joined: [0] },
			reuseRequests: { open: [0], in_discussion: [0], adopted: [0], declined: [0], withdrawn: [0] },
			hoursSaved: [0],
			topProducts: []
		});
		expect(projectsSummary(empty, 'de')).toBe('Noch keine veröffentlichten Projekte.');
		expect(topicsSummary(empty, 'de')).toBe('Noch keine veröffentlichten Projekte.');
		expect(reuseSummary(empty, 'de')).toBe('Noch keine Nachnutzungsanfragen.');
		expect(productsSummary(empty, 'de')).toBe('Noch keine Lösung im Einsatz gemeldet.');
		expect(membersSummary(empty, 'de')).toBe('Mitgliedskommunen heute: 0.');
	});
});

describe('tables and sheets', () => {
	it('labels years as year ends and today, with the sum of stacked series', () => {
		const projects = statisticsCharts(statistics(), 'de')[0];
		expect(projects?.categories).toEqual(['2024', '2025', 'heute']);
		expect(projects && chartRows(projects)).toEqual([
			['Jahr', 'In Betrieb', 'Umsetzung', 'Planung', 'Idee', 'Pausiert', 'Eingestellt', 'Zusammen'],
			['Ende 2024', 8, 3, 2, 1, 0, 0, 14],
			['Ende 2025', 10, 3, 3, 1, 0, 1, 18],
			['Heute (2026)', 12, 3, 3, 2, 0, 0, 20]
		]);
	});

	it('keeps columns only the table shows, and no sum for a single series', () => {
		const members = statisticsCharts(statistics(), 'de')[2];
		expect(members && chartRows(members)).toEqual([
			['Jahr', 'Mitgliedskommunen', 'Neu beigetreten'],
			['Ende 2024', 20, 20],
			['Ende 2025', 23, 3],
			['Heute (2026)', 23, 0]
		]);
	});

	it('gives the workbook a sheet on data date and scope, the key figures and one per chart', () => {
		const sheets = statisticsSheets(statistics(), 'de', 'Testnetz');
		expect(sheets.map((sheet) => sheet.name)).toEqual([
			'Datenstand',
			'Kennzahlen',
			'Projekte nach Status',
			'Projekte nach Themenfeld',
			'Mitglieder',
			'Nachnutzung',
			'Eingesparte Arbeitszeit',
			'Meistgenutzte Lösungen'
		]);
		expect(sheets[0]?.rows.slice(1, 4)).toEqual([
			['Netzwerk', 'Testnetz'],
			['Datenstand', '25. November 2026'],
			['Umfang', 'öffentlich sichtbare Projekte']
		]);
		expect(sheets[1]?.rows).toContainEqual(['Projekte in Betrieb', 12]);
		const network = statisticsSheets(statistics({ audience: 'network' }), 'de', 'Testnetz');
		expect(network[0]?.rows[3]).toEqual(['Umfang', 'alle veröffentlichten Projekte']);
	});
});
