/** The demo catalogue: seeded once with the demo network, through the modules' services. */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { loadSeedData } from '../app';
import { findAppRoot } from '../config';
import { systemContext } from '../context';
import { projectVisibleTo } from '../projects';
import { seedDatabase } from './seed.service';

const KEHL = '08317057';
const LAHR = '08317065';
const data = loadSeedData('demo', findAppRoot());
const catalogue = data.demoCatalogue;

describe('demo catalogue', () => {
	const t = useTestDatabase();

	it('is in the seed folder and names only member municipalities and their demo people', () => {
		if (!catalogue) throw new Error('seed/demo/catalogue.json missing');
		const members = new Set(data.demo?.members.map((member) => member.ags));
		const peopleOf = new Map(
			(data.demoPeople ?? []).map((person) => [
				person.email,
				person.municipalities.map((m) => m.ags)
			])
		);
		for (const project of catalogue.projects) {
			expect(members.has(project.ags), project.key).toBe(true);
			for (const contact of project.contacts) {
				expect(peopleOf.get(contact), `${project.key}: ${contact}`).toContain(project.ags);
			}
		}
		expect(catalogue.projects.length).toBeGreaterThanOrEqual(20);
		expect(catalogue.products.length).toBeGreaterThanOrEqual(15);
	});

	it('is seeded with the demo network, all marked as demo, and only once', async () => {
		if (!catalogue) throw new Error('seed/demo/catalogue.json missing');
		const outcome = await seedDatabase(systemContext(t.db, 'test', t.ctx().now), 'demo', data);
		if (outcome.status !== 'seeded') throw new Error('not seeded');
		expect(outcome.catalogue).toMatchObject({
			projects: catalogue.projects.length,
			products: catalogue.products.length,
			adoptions: catalogue.adoptions.length
		});

		const projects = await t.db
			.selectFrom('project')
			.innerJoin('municipality', 'municipality.id', 'project.municipality_id')
			.select(['project.id', 'project.title', 'project.visibility', 'project.is_demo', 'ags'])
			.execute();
		expect(projects).toHaveLength(catalogue.projects.length);
		expect(projects.every((project) => project.is_demo)).toBe(true);
		const products = await t.db.selectFrom('product').select(['name', 'is_demo']).execute();
		expect(products).toHaveLength(catalogue.products.length);
		expect(products.every((product) => product.is_demo)).toBe(true);
		const adoptions = await t.db.selectFrom('adoption').select('is_demo').execute();
		expect(adoptions).toHaveLength(catalogue.adoptions.length);
		expect(adoptions.every((adoption) => adoption.is_demo)).toBe(true);

		// Kehl's four projects the network is known for.
		const kehl = projects.filter((project) => project.ags === KEHL).map((p) => p.title);
		expect(kehl).toEqual(
			expect.arrayContaining([
				'E-Akte in der Stadtverwaltung',
				'E-Payment in der Stadtkasse',
				'Online-Terminvergabe im Bürgerbüro',
				'Kita-Info-App für Eltern'
			])
		);

		// Lahr's E-Akte runs on enaio.
		const lahrEAkte = await t.db
			.selectFrom('project')
			.innerJoin('municipality', 'municipality.id', 'project.municipality_id')
			.innerJoin('project_product', 'project_product.project_id', 'project.id')
			.innerJoin('product', 'product.id', 'project_product.product_id')
			.leftJoin('vendor', 'vendor.id', 'product.vendor_id')
			.select(['project.title', 'product.name', 'vendor.name as vendor'])
			.where('municipality.ags', '=', LAHR)
			.where('project.title', 'like', '%E-Akte%')
			.execute();
		expect(lahrEAkte).toEqual([
			{ title: 'E-Akte auf Basis von enaio', name: 'enaio', vendor: 'OPTIMAL SYSTEMS GmbH' }
		]);

		// Visibility as in the file.
		const expected = { public: 0, network: 0, draft: 0 };
		for (const project of catalogue.projects) expected[project.visibility] += 1;
		const actual = { public: 0, network: 0, draft: 0 };
		for (const project of projects) actual[project.visibility] += 1;
		expect(actual).toEqual(expected);
		expect(expected.draft).toBe(1);
		expect(expected.network).toBeGreaterThan(0);
		expect(expected.public).toBeGreaterThan(expected.network);
		const visible = await t.db
			.selectFrom('project')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where(projectVisibleTo({ kind: 'public' }))
			.executeTakeFirstOrThrow();
		expect(Number(visible.n)).toBe(expected.public);

		// The status history goes through the service: Kehl's appointments went live in 2020.
		const history = await t.db
			.selectFrom('project_status_change')
			.innerJoin('project', 'project.id', 'project_status_change.project_id')
			.select(['project_status_change.status', 'changed_on'])
			.where('project.title', '=', 'Online-Terminvergabe im Bürgerbüro')
			.orderBy('changed_on')
			.execute();
		expect(history).toEqual([
			{ status: 'planung', changed_on: '2020-03-01' },
			{ status: 'umsetzung', changed_on: '2020-05-01' },
			{ status: 'betrieb', changed_on: '2020-07-01' }
		]);

		// Contacts are the owner's demo people.
		const contacts = await t.db
			.selectFrom('project_contact')
			.innerJoin('project', 'project.id', 'project_contact.project_id')
			.innerJoin('person', 'person.id', 'project_contact.person_id')
			.select(['person.email'])
			.where('project.title', '=', 'E-Akte auf Basis von enaio')
			.orderBy('project_contact.position')
			.execute();
		expect(contacts.map((c) => c.email)).toEqual([
			'markus.schaefer@lahr.example',
			'aylin.demir@lahr.example'
		]);

		// The reuse requests went through the reuse services: Lahr took Kehl's appointments over.
		const requests = await t.db
			.selectFrom('reuse_request')
			.innerJoin('project', 'project.id', 'reuse_request.project_id')
			.leftJoin('project as result', 'result.id', 'reuse_request.result_project_id')
			.select([
				'project.title',
				'reuse_request.status',
				'reuse_request.is_demo',
				'result.title as result'
			])
			.orderBy('reuse_request.id')
			.execute();
		expect(requests).toEqual([
			{
				title: 'Online-Terminvergabe im Bürgerbüro',
				status: 'adopted',
				is_demo: true,
				result: 'Online-Terminvergabe im Bürgerbüro Lahr'
			},
			{ title: 'E-Akte auf Basis von enaio', status: 'in_discussion', is_demo: true, result: null },
			{ title: 'Mängelmelder', status: 'open', is_demo: true, result: null }
		]);
		expect(requests).toHaveLength(catalogue.reuseRequests.length);

		// The demo threads of the exchange, one question answered.
		const threads = await t.db
			.selectFrom('discussion')
			.select(['title', 'kind', 'subject_type', 'reply_count', 'accepted_post_id', 'is_demo'])
			.orderBy('id')
			.execute();
		expect(threads.map((d) => [d.kind, d.subject_type, d.reply_count, d.is_demo])).toEqual([
			['question', 'product', 2, true],
			['question', 'product', 1, true],
			['discussion', 'project', 1, true],
			['discussion', null, 0, true]
		]);
		expect(threads[0]?.accepted_post_id).not.toBeNull();

		const again = await seedDatabase(systemContext(t.db, 'test'), 'demo', data);
		expect(again.status).toBe('already-seeded');
		const count = await t.db
			.selectFrom('project')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		expect(Number(count.n)).toBe(catalogue.projects.length);
	});
});
