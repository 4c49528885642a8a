/**
 * What the product page (/loesungen/[id]) and the adoption form show: who in the network runs the
 * product (grouped by stage), how happy they are, whom to ask (as far as each contact's settings
 * allow), and which catalogue projects use it (only those the viewer may see).
 */
import type { Actor, Ctx } from '../context';
import { forbidden, notFound } from '../errors';
import { visibleContact } from '../people/contact.policy';
import { projectScopeOf } from '../projects/project.policy';
import type { AdoptionStage, ProjectStatus } from '../db/schema';
import { renderMarkdown } from '../text/markdown';
import {
	canDeleteProduct,
	canEditProduct,
	canManageAdoption,
	canRestoreProduct,
	canSeeAdoptionDetails,
	canSeeDeletedProducts
} from './solutions.policy';
import {
	findAdoptionRow,
	findAdoptionsOfProduct,
	findMunicipalityByAgs,
	findMunicipalityIdsOf,
	findMunicipalityRows,
	findPeopleOf,
	findProductRow,
	findProjectsUsingProduct
} from './solutions.repository';
import type { ProductCategory } from './solutions.schema';

/** The order in which the page groups adoptions: running first, given up last. */
export const STAGE_ORDER: readonly AdoptionStage[] = [
	'live',
	'pilot',
	'evaluating',
	'interested',
	'stopped'
];

export interface AdoptionContact {
	id: number;
	name: string;
	jobTitle: string | null;
	/** Null when the viewer may not see it (or there is none). */
	email: string | null;
	phone: string | null;
}

export interface AdoptionView {
	municipalityId: number;
	ags: string;
	municipalityName: string;
	stage: AdoptionStage;
	sinceOn: string | null;
	usedFor: string | null;
	/** Members only: null for visitors. */
	rating: number | null;
	experience: string | null;
	contact: AdoptionContact | null;
	/** Whether the viewer may change this adoption (their own municipality). */
	canManage: boolean;
}

export interface ProductDetail {
	id: number;
	name: string;
	vendorName: string | null;
	vendorWebsite: string | null;
	category: ProductCategory;
	website: string | null;
	isOpenSource: boolean;
	licence: string | null;
	operator: string | null;
	descriptionMd: string;
	descriptionHtml: string;
	isDemo: boolean;
	deletedAt: string | null;
	updatedAt: string;
	stageGroups: { stage: AdoptionStage; adoptions: AdoptionView[] }[];
	adoptionCount: number;
	/** Members only (null for visitors): the average of the given ratings and how many. */
	ratings: { average: number | null; count: number } | null;
	projects: { id: number; title: string; status: ProjectStatus; municipalityName: string }[];
	canEdit: boolean;
	canDelete: boolean;
	canRestore: boolean;
	/** The viewer's municipalities that have no adoption yet ("Wir nutzen das auch"). */
	adoptAs: { id: number; ags: string; name: string }[];
	/** Whether the viewer is signed in (sees ratings, experiences and contacts). */
	showsDetails: boolean;
}

function ownMunicipalityIds(actor: Actor): number[] {
	return actor.kind === 'person' ? actor.municipalities.map((m) => m.municipalityId) : [];
}

/** A product as its page shows it to the actor. Deleted ones only for the coordination. */
export async function getProductPage(ctx: Ctx, id: number): Promise<ProductDetail> {
	const actor = ctx.actor;
	const row = await findProductRow(ctx.db, id);
	if (!row || (row.deleted_at !== null && !canSeeDeletedProducts(actor))) {
		throw notFound('product');
	}
	const showsDetails = canSeeAdoptionDetails(actor);
	const [adoptionRows, projects] = await Promise.all([
		findAdoptionsOfProduct(ctx.db, id),
		findProjectsUsingProduct(ctx.db, id, projectScopeOf(actor))
	]);
	const contactIds = showsDetails
		? [...new Set(adoptionRows.flatMap((r) => (r.contact_id === null ? [] : [r.contact_id])))]
		: [];
	const contactMemberships = await findMunicipalityIdsOf(ctx.db, contactIds);
	const viewer =
		actor.kind === 'person'
			? { personId: actor.personId, municipalityIds: ownMunicipalityIds(actor) }
			: null;

	const adoptions: AdoptionView[] = adoptionRows.map((r) => {
		let contact: AdoptionContact | null = null;
		if (showsDetails && r.contact_id !== null && r.contact_name !== null) {
			const owner = {
				personId: r.contact_id,
				municipalityIds: contactMemberships
					.filter((m) => m.person_id === r.contact_id)
					.map((m) => m.municipality_id)
			};
			const details = {
				email: r.contact_email ?? '',
				phone: r.contact_phone,
				emailVisibility: r.contact_email_visibility ?? 'hidden',
				phoneVisibility: r.contact_phone_visibility ?? 'hidden'
			} as const;
			const visible = viewer
				? visibleContact(details, owner, viewer)
				: { email: details.email, phone: details.phone };
			contact = {
				id: r.contact_id,
				name: r.contact_name,
				jobTitle: r.contact_job_title,
				email: visible.email,
				phone: visible.phone
			};
		}
		return {
			municipalityId: r.municipality_id,
			ags: r.ags,
			municipalityName: r.municipality_name,
			stage: r.stage,
			sinceOn: r.since_on,
			usedFor: r.used_for,
			rating: showsDetails ? r.rating : null,
			experience: showsDetails ? r.experience : null,
			contact,
			canManage: canManageAdoption(actor, r.municipality_id)
		};
	});

	const rated = adoptions.flatMap((a) => (a.rating === null ? [] : [a.rating]));
	const adopted = new Set(adoptionRows.map((r) => r.municipality_id));
	const isLive = row.deleted_at === null;
	const candidates = isLive
		? ownMunicipalityIds(actor).filter(
				(municipalityId) => !adopted.has(municipalityId) && canManageAdoption(actor, municipalityId)
			)
		: [];
	const adoptAs = await findMunicipalityRows(ctx.db, candidates);

	return {
		id: row.id,
		name: row.name,
		vendorName: row.vendor_name,
		vendorWebsite: row.vendor_website,
		category: row.category as ProductCategory,
		website: row.website,
		isOpenSource: row.is_open_source,
		licence: row.licence,
		operator: row.operator,
		descriptionMd: row.description_md,
		descriptionHtml: row.description_md ? renderMarkdown(row.description_md) : '',
		isDemo: row.is_demo,
		deletedAt: row.deleted_at,
		updatedAt: row.updated_at,
		stageGroups: STAGE_ORDER.map((stage) => ({
			stage,
			adoptions: adoptions.filter((a) => a.stage === stage)
		})).filter((group) => group.adoptions.length > 0),
		adoptionCount: adoptions.length,
		ratings: showsDetails
			? {
					average:
						rated.length === 0
							? null
							: Math.round((rated.reduce((sum, r) => sum + r, 0) / rated.length) * 10) / 10,
					count: rated.length
				}
			: null,
		projects: projects.map((p) => ({
			id: p.id,
			title: p.title,
			status: p.status,
			municipalityName: p.municipality_name
		})),
		canEdit: canEditProduct(actor, { deletedAt: row.deleted_at }),
		canDelete: canDeleteProduct(actor, { deletedAt: row.deleted_at }),
		canRestore: canRestoreProduct(actor, { deletedAt: row.deleted_at }),
		adoptAs,
		showsDetails
	};
}

export interface AdoptionForm {
	product: { id: number; name: string };
	municipality: { id: number; ags: string; name: string };
	/** The viewer's other municipalities (to switch between them). */
	municipalities: { id: number; ags: string; name: string }[];
	adoption: {
		stage: AdoptionStage;
		sinceOn: string | null;
		usedFor: string | null;
		contactPersonId: number | null;
		rating: number | null;
		experience: string | null;
	} | null;
	people: { id: number; name: string }[];
}

/**
 * The adoption form of one of the viewer's municipalities (by AGS; the first of theirs when none
 * is given). Only people who may manage that municipality's adoption get it.
 */
export async function getAdoptionForm(
	ctx: Ctx,
	productId: number,
	ags: string | null
): Promise<AdoptionForm> {
	const actor = ctx.actor;
	const product = await findProductRow(ctx.db, productId);
	if (!product || product.deleted_at !== null) throw notFound('product');
	const own = await findMunicipalityRows(ctx.db, ownMunicipalityIds(actor));
	let municipality = ags === null ? own[0] : own.find((m) => m.ags === ags);
	if (!municipality && ags !== null && actor.kind !== 'anonymous') {
		// The coordination may manage any municipality's adoption.
		const all = await findMunicipalityByAgs(ctx.db, ags);
		if (all && canManageAdoption(actor, all.id)) municipality = all;
	}
	if (!municipality) {
		if (ags !== null) throw notFound('municipality');
		throw forbidden('no municipality');
	}
	if (!canManageAdoption(actor, municipality.id)) throw forbidden('may not manage adoption');
	const [row, people] = await Promise.all([
		findAdoptionRow(ctx.db, productId, municipality.id),
		findPeopleOf(ctx.db, municipality.id)
	]);
	return {
		product: { id: product.id, name: product.name },
		municipality,
		municipalities: own.filter((m) => canManageAdoption(actor, m.id)),
		adoption: row
			? {
					stage: row.stage,
					sinceOn: row.since_on,
					usedFor: row.used_for,
					contactPersonId: row.contact_person_id,
					rating: row.rating,
					experience: row.experience
				}
			: null,
		people: people.map((p) => ({ id: p.id, name: p.display_name }))
	};
}
