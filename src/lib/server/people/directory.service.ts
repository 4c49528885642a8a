/**
 * The people directory (/personen): listed people of the network with their municipalities,
 * expertise and topics, and the contact details the viewer may see (contact.policy.ts).
 */
import type { Ctx, PersonActor } from '../context';
import type { Db } from '../db';
import { DomainError, notFound } from '../errors';
import { germanSortKey } from '../text/sort-key';
import { visibleContact, type ContactViewer } from './contact.policy';
import { canUseDirectory, canViewProfile } from './person.policy';
import {
	countDirectoryRows,
	findDirectoryRows,
	findExpertiseOf,
	findListedExpertise,
	findListedMunicipalities,
	findListedTopics,
	findMembershipsOf,
	findProfileRow,
	findTopicsOf,
	type DirectoryQuery
} from './person.repository';
import { DIRECTORY_PAGE_SIZE, type DirectoryFilter } from './person.schema';

export interface PersonMunicipality {
	ags: string;
	name: string;
	role: 'admin' | 'member';
}

export interface PersonSummary {
	id: number;
	displayName: string;
	jobTitle: string | null;
	isDemo: boolean;
	municipalities: PersonMunicipality[];
	expertise: string[];
	topics: string[];
	/** Null when the viewer may not see it (or there is none). */
	email: string | null;
	phone: string | null;
}

export interface PersonDetail extends PersonSummary {
	about: string | null;
	isSelf: boolean;
	isListed: boolean;
}

export interface DirectoryPage {
	items: PersonSummary[];
	total: number;
	page: number;
	pageSize: number;
	pageCount: number;
}

export interface FacetOption {
	key: string;
	label: string;
	/** Whether the current filter chose it (matched by German sort key, not spelling). */
	isSelected: boolean;
}

export interface DirectoryFacets {
	expertise: FacetOption[];
	topics: FacetOption[];
	municipalities: { ags: string; name: string }[];
}

export function unauthenticated(): DomainError {
	return new DomainError('UNAUTHENTICATED', 'not signed in');
}

function viewerOf(actor: PersonActor): ContactViewer {
	return {
		personId: actor.personId,
		municipalityIds: actor.municipalities.map((m) => m.municipalityId)
	};
}

type ProfileRow = NonNullable<Awaited<ReturnType<typeof findProfileRow>>>;

/** Profiles of `rows` with their lists, contact details filtered for `viewer`. */
async function summarise(
	db: Db,
	rows: ProfileRow[],
	viewer: ContactViewer
): Promise<(PersonSummary & { about: string | null; isListed: boolean })[]> {
	const ids = rows.map((row) => row.id);
	const [memberships, expertise, topics] = await Promise.all([
		findMembershipsOf(db, ids),
		findExpertiseOf(db, ids),
		findTopicsOf(db, ids)
	]);
	return rows.map((row) => {
		const own = memberships.filter((m) => m.person_id === row.id);
		const contact = visibleContact(
			{
				email: row.email,
				phone: row.phone,
				emailVisibility: row.email_visibility,
				phoneVisibility: row.phone_visibility
			},
			{ personId: row.id, municipalityIds: own.map((m) => m.municipality_id) },
			viewer
		);
		return {
			id: row.id,
			displayName: row.display_name,
			jobTitle: row.job_title,
			isDemo: row.is_demo,
			municipalities: own.map((m) => ({ ags: m.ags, name: m.name, role: m.role })),
			expertise: expertise.filter((e) => e.person_id === row.id).map((e) => e.tag),
			topics: topics.filter((t) => t.person_id === row.id).map((t) => t.topic),
			email: contact.email,
			phone: contact.phone,
			about: row.about,
			isListed: row.is_listed
		};
	});
}

/**
 * One page of the directory, filtered by name, expertise, topic and municipality, in German
 * name order. Only signed-in people may use it; only people who opted in appear.
 */
export async function listPeople(ctx: Ctx, filter: DirectoryFilter): Promise<DirectoryPage> {
	const actor = ctx.actor;
	if (!canUseDirectory(actor)) throw unauthenticated();
	const query: Omit<DirectoryQuery, 'limit' | 'offset'> = {
		nameKeyContains: filter.q ? germanSortKey(filter.q) || undefined : undefined,
		expertiseKey: filter.expertise ? germanSortKey(filter.expertise) || undefined : undefined,
		topicKey: filter.topic ? germanSortKey(filter.topic) || undefined : undefined,
		ags: filter.municipality
	};
	const total = await countDirectoryRows(ctx.db, query);
	const pageCount = Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE));
	const page = Math.min(filter.page, pageCount);
	const rows = await findDirectoryRows(ctx.db, {
		...query,
		limit: DIRECTORY_PAGE_SIZE,
		offset: (page - 1) * DIRECTORY_PAGE_SIZE
	});
	const items = await summarise(ctx.db, rows, viewerOf(actor));
	return {
		items: items.map(({ about: _about, isListed: _isListed, ...summary }) => summary),
		total,
		page,
		pageSize: DIRECTORY_PAGE_SIZE,
		pageCount
	};
}

/** The choices of the directory's filters: only values that find somebody. */
export async function listDirectoryFacets(
	ctx: Ctx,
	filter: Partial<Pick<DirectoryFilter, 'expertise' | 'topic'>> = {}
): Promise<DirectoryFacets> {
	if (!canUseDirectory(ctx.actor)) throw unauthenticated();
	const [expertise, topics, municipalities] = await Promise.all([
		findListedExpertise(ctx.db),
		findListedTopics(ctx.db),
		findListedMunicipalities(ctx.db)
	]);
	const expertiseKey = filter.expertise ? germanSortKey(filter.expertise) : null;
	const topicKey = filter.topic ? germanSortKey(filter.topic) : null;
	return {
		expertise: expertise.map((row) => ({
			key: row.tag_sort,
			label: row.tag,
			isSelected: row.tag_sort === expertiseKey
		})),
		topics: topics.map((row) => ({
			key: row.topic_sort,
			label: row.topic,
			isSelected: row.topic_sort === topicKey
		})),
		municipalities
	};
}

/**
 * One person's profile page. NOT_FOUND for people who did not opt in or were deleted, exactly
 * like for ids that do not exist: the directory does not reveal who has an account.
 */
export async function getPerson(ctx: Ctx, personId: number): Promise<PersonDetail> {
	const actor = ctx.actor;
	if (!canUseDirectory(actor)) throw unauthenticated();
	if (!Number.isSafeInteger(personId) || personId < 1) throw notFound('person');
	const row = await findProfileRow(ctx.db, personId);
	if (
		!row ||
		!canViewProfile(actor, {
			id: row.id,
			isListed: row.is_listed,
			isDeleted: row.deleted_at !== null
		})
	) {
		throw notFound('person');
	}
	const [detail] = await summarise(ctx.db, [row], viewerOf(actor));
	if (!detail) throw notFound('person');
	return { ...detail, isSelf: row.id === actor.personId };
}
