/**
 * People for tests against the running server: written straight into the server's SQLite file
 * (its data directory comes from the global setup), each with a ready session so a test can act
 * as them without going through the sign-in form. One test drives the real form
 * (sign-in.test.ts); everything else starts signed in.
 */
import type { Page } from 'playwright-core';
import { baseUrl } from './browser';
import { testServer } from './test-server';
import { hashPassword } from '../../../src/lib/server/auth/password.hash';
import { newSessionToken, sessionIdOf } from '../../../src/lib/server/auth/session.token';
import { openDatabase, type Db } from '../../../src/lib/server/db';
import type { MunicipalityRole } from '../../../src/lib/server/db/schema';

/** Opens the server's database for the duration of `work`. */
export async function withServerDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
	const database = openDatabase({ databaseUrl: undefined, dataDir: testServer().dataDir });
	try {
		return await work(database.db);
	} finally {
		await database.close();
	}
}

export interface TestPersonInput {
	email: string;
	displayName: string;
	isCoordinator?: boolean;
	/** Memberships by AGS. */
	memberships?: readonly { ags: string; role: MunicipalityRole }[];
	/**
	 * Marks two-factor sign-in as set up (default true), so coordinators and admins are not sent
	 * to the enrolment page. The stored key is a placeholder: such a person signs in by session.
	 */
	hasTwoFactor?: boolean;
	/** A password to sign in with through the form; none by default. */
	password?: string;
}

export interface TestPerson {
	personId: number;
	email: string;
	/** `Cookie` header value for plain HTTP requests. */
	cookie: string;
	/** The session token, for a browser context's cookie jar. */
	token: string;
}

let counter = 0;

/** Creates a person with a verified address, memberships and a session valid for a day. */
export async function createTestPerson(input: TestPersonInput): Promise<TestPerson> {
	const passwordHash = input.password ? await hashPassword(input.password) : null;
	return withServerDatabase(async (db) => {
		const now = new Date();
		const nowIso = now.toISOString();
		const person = await db
			.insertInto('person')
			.values({
				email: input.email,
				email_verified_at: nowIso,
				display_name: input.displayName,
				is_coordinator: input.isCoordinator ?? false,
				password_hash: passwordHash,
				updated_at: nowIso,
				...(input.hasTwoFactor === false
					? {}
					: { two_factor_enabled_at: nowIso, two_factor_secret: 'v1.placeholder' })
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		for (const membership of input.memberships ?? []) {
			const municipality = await db
				.selectFrom('municipality')
				.select('id')
				.where('ags', '=', membership.ags)
				.executeTakeFirstOrThrow();
			await db
				.insertInto('person_municipality')
				.values({ person_id: person.id, municipality_id: municipality.id, role: membership.role })
				.execute();
		}
		const token = newSessionToken();
		const dayLater = new Date(now.getTime() + 86_400_000).toISOString();
		await db
			.insertInto('session')
			.values({
				id: sessionIdOf(token),
				person_id: person.id,
				created_at: nowIso,
				last_seen_at: nowIso,
				expires_at: dayLater,
				idle_expires_at: dayLater,
				ip_address: null,
				user_agent: `test-${++counter}`
			})
			.execute();
		return { personId: person.id, email: input.email, token, cookie: `sitzung=${token}` };
	});
}

/** Puts the person's session into the page's browser context, as if they had signed in. */
export async function signInAs(page: Page, person: Pick<TestPerson, 'token'>): Promise<void> {
	await page.context().addCookies([{ name: 'sitzung', value: person.token, url: baseUrl() }]);
}
