import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../../tests/support/database';
import { demoContent, registerEntry, registerSource } from '../../../../tests/support/factories';
import { systemContext } from '../context';
import { seedDatabase } from '../seed';
import { getNetwork, getNetworkLegalText, getNetworkSummary } from './network.service';

describe('network without a description', () => {
	const t = useTestDatabase();

	it('answers neutral defaults', async () => {
		expect(await getNetworkSummary(t.ctx())).toEqual({
			name: '',
			shortName: '',
			isDemo: false,
			isConfigured: false
		});
		expect((await getNetwork(t.ctx())).isConfigured).toBe(false);
		expect(await getNetworkLegalText(t.ctx(), 'imprint')).toBeNull();
	});
});

describe('configured network', () => {
	const t = useTestDatabase();

	it('gives the frame its name and the legal pages their sanitised text', async () => {
		await seedDatabase(systemContext(t.db, 'test'), 'demo', {
			register: registerSource([registerEntry()]),
			demo: demoContent()
		});
		expect(await getNetworkSummary(t.ctx())).toEqual({
			name: 'Testnetzwerk',
			shortName: 'Test',
			isDemo: true,
			isConfigured: true
		});
		expect(await getNetworkLegalText(t.ctx(), 'privacy')).toBeNull();

		await t.db
			.updateTable('network')
			.set({ imprint_md: '## Herausgeber\n\nStadt **Kehl**<script>alert(1)</script>' })
			.execute();
		const html = await getNetworkLegalText(t.ctx(), 'imprint');
		expect(html).toContain('<h2>Herausgeber</h2>');
		expect(html).toContain('<strong>Kehl</strong>');
		expect(html).not.toContain('<script');
		expect(await getNetworkLegalText(t.ctx(), 'privacy')).toBeNull();
	});
});
