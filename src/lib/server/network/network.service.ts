/** The network this installation serves: its name, texts and contact. */
import type { Ctx } from '../context';
import { renderMarkdown } from '../text/markdown';
import { findDataSources, findNetwork } from './network.repository';

export interface NetworkInfo {
	name: string;
	shortName: string;
	region: string;
	description: string;
	contactEmail: string;
	contactPhone: string;
	postalAddress: string;
	/** Sanitised HTML, or null when the network has not written its own text yet. */
	imprintHtml: string | null;
	privacyHtml: string | null;
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
			imprintHtml: null,
			privacyHtml: null,
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
		imprintHtml: row.imprint_md.trim() ? renderMarkdown(row.imprint_md) : null,
		privacyHtml: row.privacy_md.trim() ? renderMarkdown(row.privacy_md) : null,
		isDemo: row.is_demo,
		isConfigured: true
	};
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
