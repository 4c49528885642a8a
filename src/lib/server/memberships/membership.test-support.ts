/** A small world for the membership database tests: an association, municipalities, people. */
import type { Ctx, PersonActor } from '../context';
import type { Db } from '../db';
import { createCoordinator } from '../auth';
import { systemContext } from '../context';
import { isDomainError, type DomainError } from '../errors';

export const START = Date.parse('2026-11-25T12:00:00.000Z');
export const at = (seconds = 0) => new Date(START + seconds * 1000);
export const ORIGIN = 'https://netz.example';
export const PASSWORD = 'Rhein-Ufer-Laterne-47';

export interface World {
	gengenbach: number;
	ohlsbach: number;
	berghaupten: number;
	kehl: number;
	lahr: number;
}

/** Five municipalities: Kehl and Lahr members, the VVG Gengenbach's three not. */
export async function buildWorld(db: Db): Promise<World> {
	const nowIso = at().toISOString();
	const association = await db
		.insertInto('association')
		.values({ name: 'VVG Gengenbach', name_sort: 'vvg gengenbach' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const add = async (
		ags: string,
		name: string,
		status: 'member' | 'none',
		associationId: number | null
	) => {
		const row = await db
			.insertInto('municipality')
			.values({
				ags,
				name,
				name_sort: name.toLowerCase(),
				type: 'gemeinde',
				association_id: associationId,
				membership_status: status,
				member_since: status === 'member' ? '2019-10-01' : null,
				is_founding_member: false,
				is_demo: false,
				updated_at: nowIso
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return row.id;
	};
	return {
		gengenbach: await add('08317034', 'Gengenbach', 'none', association.id),
		ohlsbach: await add('08317097', 'Ohlsbach', 'none', association.id),
		berghaupten: await add('08317009', 'Berghaupten', 'none', association.id),
		kehl: await add('08317057', 'Kehl', 'member', null),
		lahr: await add('08317065', 'Lahr/Schwarzwald', 'member', null)
	};
}

let people = 0;

/** A coordinator with a fresh address. */
export async function coordinator(db: Db): Promise<PersonActor> {
	const email = `koordination${++people}@netz.example`;
	const id = await createCoordinator(
		systemContext(db, 'test', () => at()),
		{
			email,
			displayName: `Koordination ${people}`,
			password: PASSWORD
		}
	);
	return actorFor(db, id);
}

/** A person with memberships, inserted directly. */
export async function personIn(
	db: Db,
	memberships: { municipalityId: number; role: 'admin' | 'member' }[],
	name = `Person ${++people}`
): Promise<PersonActor & { email: string }> {
	const email = `person${++people}@ortenau.example`;
	const row = await db
		.insertInto('person')
		.values({
			email,
			email_verified_at: at().toISOString(),
			display_name: name,
			is_coordinator: false,
			updated_at: at().toISOString()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const m of memberships) {
		await db
			.insertInto('person_municipality')
			.values({ person_id: row.id, municipality_id: m.municipalityId, role: m.role })
			.execute();
	}
	return { ...(await actorFor(db, row.id)), email };
}

/** The actor a session of the person would give (memberships as stored now). */
export async function actorFor(db: Db, personId: number): Promise<PersonActor> {
	const person = await db
		.selectFrom('person')
		.select(['display_name', 'is_coordinator'])
		.where('id', '=', personId)
		.executeTakeFirstOrThrow();
	const memberships = await db
		.selectFrom('person_municipality')
		.select(['municipality_id', 'role'])
		.where('person_id', '=', personId)
		.execute();
	return {
		kind: 'person',
		personId,
		displayName: person.display_name,
		isCoordinator: person.is_coordinator,
		municipalities: memberships.map((m) => ({ municipalityId: m.municipality_id, role: m.role })),
		sessionId: 'a'.repeat(64),
		auth: { method: 'session' },
		hasTwoFactor: false,
		isEmailVerified: true
	};
}

export async function errorOf(work: Promise<unknown>): Promise<DomainError> {
	const error = await work.then(
		() => undefined,
		(caught: unknown) => caught
	);
	if (!isDomainError(error)) throw new Error(`expected a DomainError, got ${String(error)}`);
	return error;
}

/** The token in the newest invitation mail to `email`. */
export async function tokenFromMail(db: Db, email: string): Promise<string> {
	const mail = await db
		.selectFrom('mail_outbox')
		.select(['text_body'])
		.where('to_address', '=', email)
		.orderBy('id', 'desc')
		.executeTakeFirstOrThrow();
	const match = /\/einladung\/([A-Za-z0-9_-]{43})/.exec(mail.text_body);
	if (!match?.[1]) throw new Error(`no invitation link in mail to ${email}`);
	return match[1];
}

export function ctxOf(db: Db, actor: Ctx['actor'], seconds = 0): Ctx {
	return { db, actor, now: () => at(seconds) };
}
