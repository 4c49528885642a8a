/** The network this installation serves: its name, texts and contact. */
import type { Ctx } from '../context';
import { renderMarkdown } from '../text/markdown';
import {
	findDataSources,
	findNetwork,
	findNetworkLegalText,
	findNetworkSummary
} from './network.repository';

export interface NetworkInfo {
	name: string;
	shortName: string;
	region: string;
	description: string;
	contactEmail: string;
	contactPhone: string;
	postalAddress: string;
	isDemo: boolean;
	/** False until the coordinator has described the network (fresh `register`/`none` install). */
	isConfigured: boolean;
}

/** The network's settings; neutral defaults until the coordinator has filled them in. */
export async function getNetwork(ctx: Ctx): Promise<NetworkInfo> {
	const row = await findNetwork(ctx.db);
	if (!row) {
		return {
			name: '',
			shortName: '',
			region: '',
			description: '',
			contactEmail: '',
			contactPhone: '',
			postalAddress: '',
			isDemo: false,
			isConfigured: false
		};
	}
	return {
		name: row.name,
		shortName: row.short_name,
		region: row.region,
		description: row.description,
		contactEmail: row.contact_email,
		contactPhone: row.contact_phone,
		postalAddress: row.postal_address,
		isDemo: row.is_demo,
		isConfigured: true
	};
}

export type LegalText = 'imprint' | 'privacy';

/**
 * The network's own imprint or privacy notice as sanitised HTML, or null while it has not
 * written one (the page then shows the built-in default).
 */
export async function getNetworkLegalText(ctx: Ctx, which: LegalText): Promise<string | null> {
	const markdown = await findNetworkLegalText(
		ctx.db,
		which === 'imprint' ? 'imprint_md' : 'privacy_md'
	);
	return markdown?.trim() ? renderMarkdown(markdown) : null;
}

export interface NetworkSummary {
	name: string;
	shortName: string;
	isDemo: boolean;
	isConfigured: boolean;
}

/**
 * The network's name and demo state, for the frame of every page. Cheap on purpose: the texts
 * (and their Markdown rendering) are only loaded by the pages that show them.
 */
export async function getNetworkSummary(ctx: Ctx): Promise<NetworkSummary> {
	const row = await findNetworkSummary(ctx.db);
	if (!row) return { name: '', shortName: '', isDemo: false, isConfigured: false };
	return { name: row.name, shortName: row.short_name, isDemo: row.is_demo, isConfigured: true };
}

export interface DataSource {
	topic: string;
	title: string;
	licence: string;
	licenceUrl: string;
}

/** Sources of shipped data, with the attribution their licences require. */
export async function listDataSources(ctx: Ctx): Promise<DataSource[]> {
	const rows = await findDataSources(ctx.db);
	return rows.map((row) => ({
		topic: row.topic,
		title: row.title,
		licence: row.licence,
		licenceUrl: row.licence_url
	}));
}
