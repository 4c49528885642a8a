/**
 * The demo network's people (seed/demo/people.json): a coordinator and admins and members of
 * some member municipalities, all marked as demo and listed in the directory. Their passwords
 * are random per installation and only made outside production (see seedDatabase).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { addPerson, hashPassword } from '../auth';
import { germanSortKey } from '../text/sort-key';
import type { Tx } from '../db';
import { CONTACT_VISIBILITIES, MUNICIPALITY_ROLES } from '../db/schema';

const TagsSchema = z.array(z.string().min(1).max(40)).max(10).default([]);

export const DemoPersonSchema = z.object({
	email: z
		.string()
		.regex(/^[a-z0-9.-]+@[a-z0-9.-]+\.example$/, 'demo addresses use the reserved .example'),
	displayName: z.string().min(1).max(100),
	jobTitle: z.string().max(100).optional(),
	isCoordinator: z.boolean().default(false),
	municipalities: z
		.array(z.object({ ags: z.string().regex(/^\d{8}$/), role: z.enum(MUNICIPALITY_ROLES) }))
		.default([]),
	phone: z.string().max(40).optional(),
	about: z.string().max(1000).optional(),
	expertise: TagsSchema,
	topics: TagsSchema,
	emailVisibility: z.enum(CONTACT_VISIBILITIES).default('network'),
	phoneVisibility: z.enum(CONTACT_VISIBILITIES).default('hidden')
});
export type DemoPerson = z.infer<typeof DemoPersonSchema>;

const DemoPeopleFileSchema = z.object({ people: z.array(DemoPersonSchema) });

/** The demo people of a seed folder; none when it has no `demo/people.json`. */
export function loadDemoPeople(seedDir: string): DemoPerson[] {
	const file = path.join(seedDir, 'demo', 'people.json');
	if (!existsSync(file)) return [];
	return DemoPeopleFileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).people;
}

/** A sign-in for the console at first start; `password` null when none was made. */
export interface DemoAccount {
	email: string;
	displayName: string;
	password: string | null;
}

export interface PreparedDemoPerson {
	person: DemoPerson;
	password: string | null;
	passwordHash: string | null;
}

/** Random passwords and their hashes, made before the seeding transaction (hashing is slow). */
export async function prepareDemoPeople(
	people: readonly DemoPerson[],
	withPasswords: boolean
): Promise<PreparedDemoPerson[]> {
	return Promise.all(
		people.map(async (person) => {
			if (!withPasswords) return { person, password: null, passwordHash: null };
			const password = `demo-${randomBytes(12).toString('base64url')}`;
			return { person, password, passwordHash: await hashPassword(password) };
		})
	);
}

/** Inserts the demo people with their memberships, expertise and topics. */
export async function insertDemoPeople(
	tx: Tx,
	prepared: readonly PreparedDemoPerson[],
	now: string
): Promise<DemoAccount[]> {
	const accounts: DemoAccount[] = [];
	for (const { person, password, passwordHash } of prepared) {
		const personId = await addPerson(tx, {
			email: person.email,
			email_verified_at: now,
			display_name: person.displayName,
			job_title: person.jobTitle ?? null,
			password_hash: passwordHash,
			is_coordinator: person.isCoordinator,
			phone: person.phone ?? null,
			about: person.about ?? null,
			email_visibility: person.emailVisibility,
			phone_visibility: person.phoneVisibility,
			is_listed: true,
			is_demo: true,
			updated_at: now
		});
		for (const membership of person.municipalities) {
			const municipality = await tx
				.selectFrom('municipality')
				.select('id')
				.where('ags', '=', membership.ags)
				.executeTakeFirst();
			if (!municipality) {
				throw new Error(`Demo-Person ${person.email}: Kommune ${membership.ags} fehlt im Register`);
			}
			await tx
				.insertInto('person_municipality')
				.values({ person_id: personId, municipality_id: municipality.id, role: membership.role })
				.execute();
		}
		const unique = <T>(values: T[], key: (value: T) => string) =>
			values.filter((value, index) => values.findIndex((v) => key(v) === key(value)) === index);
		const expertise = unique(person.expertise, germanSortKey);
		if (expertise.length > 0) {
			await tx
				.insertInto('person_expertise')
				.values(
					expertise.map((tag) => ({ person_id: personId, tag, tag_sort: germanSortKey(tag) }))
				)
				.execute();
		}
		const topics = unique(person.topics, germanSortKey);
		if (topics.length > 0) {
			await tx
				.insertInto('person_topic')
				.values(
					topics.map((topic) => ({ person_id: personId, topic, topic_sort: germanSortKey(topic) }))
				)
				.execute();
		}
		accounts.push({ email: person.email, displayName: person.displayName, password });
	}
	return accounts;
}
