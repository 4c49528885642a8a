/**
 * Use cases of invitations: the coordination invites a municipality's first admin(s), an admin
 * invites colleagues, and the invited person accepts through the link in the mail.
 *
 * An invitation is single-use, expires after seven days and can only be accepted by a person
 * with the invited address: a new account created from the link (the link proved the mailbox, so
 * the address counts as verified) or the existing account signed in with that address.
 *
 * Accepting makes every municipality of the invitation a member of the network if it was not
 * one yet (member since the day of acceptance): the coordination invites a municipality's first
 * admin when it joins, and the municipality is a member from the moment someone takes it up.
 */
import { auditActorOf, emailActorLabel, recordAuditEvent } from '../audit';
import {
	addPerson,
	createSession,
	hashNewPassword,
	markEmailVerified,
	type SessionStarted
} from '../auth';
import type { Ctx, PersonActor } from '../context';
import { inTransaction, type Db } from '../db';
import type { MunicipalityRole } from '../db/schema';
import { DomainError, forbidden, invalid, notFound } from '../errors';
import { enqueueMail } from '../mail';
import {
	assertAllowed,
	consumeRateLimit,
	RATE_LIMIT_POLICIES,
	rateLimitRequest
} from '../rate-limits';
import {
	claimInvitation,
	findInvitationById,
	findInvitationByTokenHash,
	findInvitationMunicipalities,
	findOpenInvitations,
	insertInvitation,
	markInvitationRevoked,
	renewInvitation,
	type InvitationRow
} from './invitation.repository';
import {
	AcceptWithNewAccountSchema,
	InvitationIdSchema,
	InviteSchema,
	type AcceptWithNewAccountInput,
	type InvitationIdInput,
	type InviteInput
} from './invitation.schema';
import {
	invitationExpiry,
	invitationTokenHash,
	isWellFormedInvitationToken,
	newInvitationToken
} from './invitation.token';
import { invitationLink, invitationMail } from './membership.mail';
import {
	canInviteToMunicipalities,
	canManageInvitation,
	canManageInvitations
} from './membership.policy';
import {
	findMembershipsOfPerson,
	findMunicipalitiesByAgs,
	findNonMembersOfAssociation,
	findPersonByEmail,
	findPersonById,
	insertMembership,
	updateMembershipRole,
	type MunicipalityRow
} from './membership.repository';
import { fieldErrorsOf } from './membership.schema';
import { admitMunicipalities, networkNameFor, requirePerson } from './membership.shared';

export interface MailOrigin {
	/** Absolute origin for links in mails, e.g. `https://netzwerk.example`. */
	origin: string;
}

export interface InvitationMunicipality {
	ags: string;
	name: string;
}

export interface OpenInvitationView {
	id: number;
	email: string;
	displayName: string | null;
	role: MunicipalityRole;
	invitedBy: string | null;
	createdAt: string;
	expiresAt: string;
	isExpired: boolean;
	municipalities: InvitationMunicipality[];
}

/** What the invited person sees before accepting, and what they can do. */
export interface InvitationView {
	email: string;
	displayName: string | null;
	role: MunicipalityRole;
	invitedBy: string | null;
	expiresAt: string;
	municipalities: InvitationMunicipality[];
	/**
	 * `create_account`: nobody signed in and no account with the address: set a password.
	 * `sign_in`: an account with the address exists: sign in first.
	 * `confirm`: signed in with the invited address: one button adds the memberships.
	 * `other_person`: signed in as somebody else: sign out first.
	 */
	state: 'create_account' | 'sign_in' | 'confirm' | 'other_person';
}

export interface AcceptResult {
	personId: number;
	role: MunicipalityRole;
	municipalities: InvitationMunicipality[];
}

export interface AcceptWithNewAccountRequest extends AcceptWithNewAccountInput {
	token: string;
	ip: string | null;
	userAgent: string | null;
}

const invitationGone = () => notFound('invitation');

/** PostgreSQL 23505 or SQLite's UNIQUE constraint failure. */
function isUniqueViolation(error: unknown): boolean {
	const details = error as { code?: unknown; message?: unknown } | null;
	return (
		details?.code === '23505' ||
		details?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
		(typeof details?.message === 'string' && details.message.includes('UNIQUE constraint failed'))
	);
}

/** The actor as a person who may write, or UNAUTHENTICATED. */
function inviter(ctx: Ctx): PersonActor {
	return requirePerson(ctx.actor);
}

/** Several municipalities in one invitation only when they form (part of) one association. */
function assertOneAssociation(municipalities: readonly MunicipalityRow[]): void {
	if (municipalities.length <= 1) return;
	const first = municipalities[0]?.association_id ?? null;
	if (first === null || municipalities.some((m) => m.association_id !== first)) {
		throw invalid({ ags: 'municipalities_not_one_association' });
	}
}

export async function countInvitationLimits(
	ctx: Ctx,
	personId: number,
	email: string
): Promise<void> {
	assertAllowed(
		await consumeRateLimit(
			ctx,
			rateLimitRequest(RATE_LIMIT_POLICIES.INVITATION_PER_PERSON, personId)
		)
	);
	assertAllowed(
		await consumeRateLimit(
			ctx,
			rateLimitRequest(RATE_LIMIT_POLICIES.INVITATION_PER_RECIPIENT, email)
		)
	);
}

/**
 * Writes an invitation with its mail, in the caller's transaction. Used by inviting and by
 * accepting an application. Returns the invitation's id.
 */
export async function writeInvitation(
	tx: Db,
	ctx: Ctx,
	invitation: {
		email: string;
		displayName: string | null;
		role: MunicipalityRole;
		invitedByPersonId: number | null;
		municipalities: readonly { id: number; name: string }[];
		origin: string;
		application?: { id: number; reason: string | null };
	}
): Promise<number> {
	const now = ctx.now();
	const token = newInvitationToken();
	const tokenHash = invitationTokenHash(token);
	const expiresAt = invitationExpiry(now);
	const invitationId = await insertInvitation(
		tx,
		{
			token_hash: tokenHash,
			email: invitation.email,
			display_name: invitation.displayName,
			role: invitation.role,
			invited_by_person_id: invitation.invitedByPersonId,
			created_at: now.toISOString(),
			expires_at: expiresAt.toISOString()
		},
		invitation.municipalities.map((m) => m.id)
	);
	const inviterRow =
		invitation.invitedByPersonId === null
			? undefined
			: await findPersonById(tx, invitation.invitedByPersonId);
	await sendInvitationMail(tx, ctx, {
		invitationId,
		token,
		tokenHash,
		email: invitation.email,
		role: invitation.role,
		inviterName: inviterRow?.display_name ?? null,
		municipalityNames: invitation.municipalities.map((m) => m.name),
		expiresAt,
		origin: invitation.origin,
		application: invitation.application
	});
	await recordAuditEvent(
		tx,
		{
			action: 'invitation.sent',
			...auditActorOf(ctx.actor),
			subjectType: 'invitation',
			subjectId: invitationId,
			municipalityId: invitation.municipalities[0]?.id ?? null,
			details: {
				role: invitation.role,
				municipalityIds: invitation.municipalities.map((m) => m.id),
				recipient: emailActorLabel(invitation.email),
				...(invitation.application ? { applicationId: invitation.application.id } : {})
			}
		},
		ctx
	);
	return invitationId;
}

async function sendInvitationMail(
	tx: Db,
	ctx: Ctx,
	mail: {
		invitationId: number;
		token: string;
		tokenHash: string;
		email: string;
		role: MunicipalityRole;
		inviterName: string | null;
		municipalityNames: string[];
		expiresAt: Date;
		origin: string;
		application?: { id: number; reason: string | null } | undefined;
	}
): Promise<void> {
	const network = await networkNameFor(tx);
	await enqueueMail(
		tx,
		invitationMail({
			to: mail.email,
			networkName: network.name,
			inviterName: mail.inviterName,
			municipalityNames: mail.municipalityNames,
			role: mail.role,
			link: invitationLink(mail.origin, mail.token),
			expiresAt: mail.expiresAt,
			isApplicationAccepted: mail.application !== undefined,
			reason: mail.application?.reason ?? null
		}),
		// One mail per token: a resend has a new token and so a new key.
		{ now: ctx.now(), dedupeKey: `invitation:${mail.invitationId}:${mail.tokenHash.slice(0, 16)}` }
	);
}

/**
 * Invites a person into one municipality, or several of one association (VVG/GVV), with a role.
 * The coordination may invite anyone anywhere (a non-member municipality's first admin above
 * all); a municipality admin only into their own municipality. Limited per inviting person and
 * per recipient (RATE_LIMITED). Throws INVALID (first problem per field), NOT_FOUND for an
 * unknown municipality, FORBIDDEN outside the actor's rights, CONFLICT when the person already
 * belongs to every municipality with at least that role.
 */
export async function inviteToMunicipalities(
	ctx: Ctx,
	input: InviteInput,
	options: MailOrigin
): Promise<{ invitationId: number }> {
	const actor = inviter(ctx);
	const parsed = InviteSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const { email, displayName, role, ags, includeAssociation } = parsed.data;
	let municipalities = await findMunicipalitiesByAgs(ctx.db, ags);
	if (municipalities.length !== ags.length) throw notFound('municipality');
	const associationId = municipalities[0]?.association_id ?? null;
	if (includeAssociation && associationId !== null) {
		const peers = await findNonMembersOfAssociation(ctx.db, associationId);
		const known = new Set(municipalities.map((m) => m.id));
		municipalities = [...municipalities, ...peers.filter((peer) => !known.has(peer.id))];
	}
	if (
		!canInviteToMunicipalities(
			actor,
			municipalities.map((m) => m.id),
			role
		)
	) {
		throw forbidden('invite');
	}
	assertOneAssociation(municipalities);

	const existing = await findPersonByEmail(ctx.db, email);
	if (existing && existing.deleted_at === null) {
		const memberships = await findMembershipsOfPerson(ctx.db, existing.id);
		const covered = municipalities.every((m) =>
			memberships.some(
				(membership) =>
					membership.municipality_id === m.id && (membership.role === 'admin' || role === 'member')
			)
		);
		if (covered) throw new DomainError('CONFLICT', 'already a member', { email: 'already_member' });
	}

	await countInvitationLimits(ctx, actor.personId, email);
	const invitationId = await inTransaction(ctx.db, (tx) =>
		writeInvitation(tx, ctx, {
			email,
			displayName,
			role,
			invitedByPersonId: actor.personId,
			municipalities,
			origin: options.origin
		})
	);
	return { invitationId };
}

async function municipalitiesOf(db: Db, invitationIds: number[]) {
	const rows = await findInvitationMunicipalities(db, invitationIds);
	const byInvitation = new Map<number, typeof rows>();
	for (const row of rows) {
		const list = byInvitation.get(row.invitation_id) ?? [];
		list.push(row);
		byInvitation.set(row.invitation_id, list);
	}
	return byInvitation;
}

function toOpenView(
	row: InvitationRow,
	municipalities: { ags: string; name: string }[],
	nowIso: string
): OpenInvitationView {
	return {
		id: row.id,
		email: row.email,
		displayName: row.display_name,
		role: row.role,
		invitedBy: row.invited_by_name,
		createdAt: row.created_at,
		expiresAt: row.expires_at,
		isExpired: row.expires_at <= nowIso,
		municipalities: municipalities.map((m) => ({ ags: m.ags, name: m.name }))
	};
}

/** The network's open invitations (not accepted, not revoked; expired ones flagged). Coordination only. */
export async function listOpenInvitations(ctx: Ctx): Promise<OpenInvitationView[]> {
	if (!canManageInvitations(ctx.actor)) throw forbidden('list invitations');
	const rows = await findOpenInvitations(ctx.db);
	const byInvitation = await municipalitiesOf(
		ctx.db,
		rows.map((row) => row.id)
	);
	const nowIso = ctx.now().toISOString();
	return rows.map((row) => toOpenView(row, byInvitation.get(row.id) ?? [], nowIso));
}

/** Builds the views of open invitations for the people page of one municipality. */
export async function openInvitationViews(
	ctx: Ctx,
	rows: InvitationRow[]
): Promise<OpenInvitationView[]> {
	const byInvitation = await municipalitiesOf(
		ctx.db,
		rows.map((row) => row.id)
	);
	const nowIso = ctx.now().toISOString();
	return rows.map((row) => toOpenView(row, byInvitation.get(row.id) ?? [], nowIso));
}

/** An open invitation the actor may manage, with its municipalities; NOT_FOUND otherwise. */
async function manageableInvitation(ctx: Ctx, input: InvitationIdInput) {
	const parsed = InvitationIdSchema.safeParse(input);
	if (!parsed.success) throw invitationGone();
	const row = await findInvitationById(ctx.db, parsed.data.invitationId);
	if (!row) throw invitationGone();
	const municipalities = (await municipalitiesOf(ctx.db, [row.id])).get(row.id) ?? [];
	// Someone else's invitation looks exactly like one that does not exist.
	if (
		!canManageInvitation(
			ctx.actor,
			municipalities.map((m) => m.id)
		)
	) {
		throw invitationGone();
	}
	if (row.accepted_at !== null || row.revoked_at !== null) throw invitationGone();
	return { row, municipalities };
}

/** Revokes an open invitation: its link stops working at once. */
export async function revokeInvitation(ctx: Ctx, input: InvitationIdInput): Promise<void> {
	inviter(ctx);
	const { row, municipalities } = await manageableInvitation(ctx, input);
	await inTransaction(ctx.db, async (tx) => {
		if (!(await markInvitationRevoked(tx, row.id, ctx.now().toISOString()))) {
			throw invitationGone();
		}
		await recordAuditEvent(
			tx,
			{
				action: 'invitation.revoked',
				...auditActorOf(ctx.actor),
				subjectType: 'invitation',
				subjectId: row.id,
				municipalityId: municipalities[0]?.id ?? null,
				details: { municipalityIds: municipalities.map((m) => m.id) }
			},
			ctx
		);
	});
}

/**
 * Sends an open invitation again with a new link and a new expiry; the old link stops working.
 * Counts against the same limits as a new invitation.
 */
export async function resendInvitation(
	ctx: Ctx,
	input: InvitationIdInput,
	options: MailOrigin
): Promise<void> {
	const actor = inviter(ctx);
	const { row, municipalities } = await manageableInvitation(ctx, input);
	await countInvitationLimits(ctx, actor.personId, row.email);
	const now = ctx.now();
	const token = newInvitationToken();
	const tokenHash = invitationTokenHash(token);
	const expiresAt = invitationExpiry(now);
	await inTransaction(ctx.db, async (tx) => {
		if (!(await renewInvitation(tx, row.id, tokenHash, expiresAt.toISOString()))) {
			throw invitationGone();
		}
		await sendInvitationMail(tx, ctx, {
			invitationId: row.id,
			token,
			tokenHash,
			email: row.email,
			role: row.role,
			inviterName: row.invited_by_name,
			municipalityNames: municipalities.map((m) => m.name),
			expiresAt,
			origin: options.origin
		});
		await recordAuditEvent(
			tx,
			{
				action: 'invitation.sent',
				...auditActorOf(ctx.actor),
				subjectType: 'invitation',
				subjectId: row.id,
				municipalityId: municipalities[0]?.id ?? null,
				details: { resent: true, recipient: emailActorLabel(row.email) }
			},
			ctx
		);
	});
}

/** The invitation a token opens, when it can still be accepted; NOT_FOUND for every other case. */
async function usableInvitation(ctx: Ctx, token: unknown) {
	if (!isWellFormedInvitationToken(token)) throw invitationGone();
	const row = await findInvitationByTokenHash(ctx.db, invitationTokenHash(token));
	if (
		!row ||
		row.accepted_at !== null ||
		row.revoked_at !== null ||
		row.expires_at <= ctx.now().toISOString()
	) {
		throw invitationGone();
	}
	const municipalities = (await municipalitiesOf(ctx.db, [row.id])).get(row.id) ?? [];
	return { row, municipalities };
}

/**
 * What the link shows: the invitation and which way of accepting applies to the actor.
 * Unknown, expired, used and revoked tokens all answer NOT_FOUND, so the page can say one calm
 * thing and a guesser learns nothing.
 */
export async function viewInvitation(ctx: Ctx, token: unknown): Promise<InvitationView> {
	const { row, municipalities } = await usableInvitation(ctx, token);
	let state: InvitationView['state'];
	if (ctx.actor.kind === 'person') {
		const me = await findPersonById(ctx.db, ctx.actor.personId);
		state = me?.email === row.email ? 'confirm' : 'other_person';
	} else {
		const existing = await findPersonByEmail(ctx.db, row.email);
		state = existing ? 'sign_in' : 'create_account';
	}
	return {
		email: row.email,
		displayName: row.display_name,
		role: row.role,
		invitedBy: row.invited_by_name,
		expiresAt: row.expires_at,
		municipalities: municipalities.map((m) => ({ ags: m.ags, name: m.name })),
		state
	};
}

/**
 * Adds the invitation's memberships to a person and uses the invitation up, in `tx`. A role is
 * only ever raised: an admin invited as a member stays admin. Municipalities that were not
 * members become members today.
 */
async function applyInvitation(
	tx: Db,
	ctx: Ctx,
	invitation: InvitationRow,
	municipalities: { id: number; ags: string; name: string }[],
	person: { id: number; display_name: string }
): Promise<void> {
	const nowIso = ctx.now().toISOString();
	if (!(await claimInvitation(tx, invitation.id, person.id, nowIso))) throw invitationGone();
	const actor = { actorPersonId: person.id, actorLabel: person.display_name };
	const current = await findMembershipsOfPerson(tx, person.id);
	for (const municipality of municipalities) {
		const membership = current.find((m) => m.municipality_id === municipality.id);
		if (!membership) {
			await insertMembership(tx, person.id, municipality.id, invitation.role);
		} else if (membership.role === 'member' && invitation.role === 'admin') {
			await updateMembershipRole(tx, person.id, municipality.id, 'admin');
			await recordAuditEvent(
				tx,
				{
					action: 'role.changed',
					...actor,
					subjectType: 'person',
					subjectId: person.id,
					municipalityId: municipality.id,
					details: { from: 'member', to: 'admin', invitationId: invitation.id }
				},
				ctx
			);
		}
	}
	await admitMunicipalities(
		tx,
		ctx,
		municipalities.map((m) => m.id),
		actor,
		{ invitationId: invitation.id }
	);
	await recordAuditEvent(
		tx,
		{
			action: 'invitation.accepted',
			...actor,
			subjectType: 'invitation',
			subjectId: invitation.id,
			municipalityId: municipalities[0]?.id ?? null,
			details: { role: invitation.role, municipalityIds: municipalities.map((m) => m.id) }
		},
		ctx
	);
}

/**
 * Accepts an invitation by creating the invited person's account, and signs them in (the new
 * session is returned for the cookie). Only when nobody is signed in and no account has the
 * address. Throws NOT_FOUND when the invitation cannot be used (any more), INVALID (first
 * problem per field, including the password policy), CONFLICT when an account with the address
 * exists (sign in and confirm instead).
 */
export async function acceptInvitationWithNewAccount(
	ctx: Ctx,
	request: AcceptWithNewAccountRequest
): Promise<AcceptResult & { session: SessionStarted }> {
	const { row, municipalities } = await usableInvitation(ctx, request.token);
	if (ctx.actor.kind === 'person') {
		throw new DomainError('CONFLICT', 'signed in', { form: 'invitation_signed_in' });
	}
	const parsed = AcceptWithNewAccountSchema.safeParse({
		displayName: request.displayName,
		jobTitle: request.jobTitle,
		password: request.password,
		passwordRepeat: request.passwordRepeat
	});
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const { displayName, jobTitle, password } = parsed.data;
	const passwordHash = await hashNewPassword(ctx.db, password, { email: row.email, displayName });
	if (await findPersonByEmail(ctx.db, row.email)) {
		throw new DomainError('CONFLICT', 'account exists', { form: 'invitation_account_exists' });
	}
	const nowIso = ctx.now().toISOString();
	return inTransaction(ctx.db, async (tx) => {
		const personId = await insertPersonFromInvitation(tx, {
			email: row.email,
			displayName,
			jobTitle,
			passwordHash,
			nowIso
		});
		const person = { id: personId, display_name: displayName };
		await recordAuditEvent(
			tx,
			{
				action: 'account.created',
				actorPersonId: personId,
				actorLabel: displayName,
				subjectType: 'person',
				subjectId: personId,
				ipAddress: request.ip,
				userAgent: request.userAgent,
				details: { invitationId: row.id }
			},
			ctx
		);
		await applyInvitation(tx, ctx, row, municipalities, person);
		const session = await createSession(tx, ctx, person, {
			ip: request.ip,
			userAgent: request.userAgent,
			method: 'password'
		});
		return {
			personId,
			role: row.role,
			municipalities: municipalities.map((m) => ({ ags: m.ags, name: m.name })),
			session
		};
	});
}

async function insertPersonFromInvitation(
	tx: Db,
	values: {
		email: string;
		displayName: string;
		jobTitle: string | null;
		passwordHash: string;
		nowIso: string;
	}
): Promise<number> {
	try {
		return await addPerson(tx, {
			email: values.email,
			// Whoever opened the link read the mailbox: the address is verified.
			email_verified_at: values.nowIso,
			display_name: values.displayName,
			job_title: values.jobTitle,
			password_hash: values.passwordHash,
			is_coordinator: false,
			created_at: values.nowIso,
			updated_at: values.nowIso
		});
	} catch (error) {
		// A parallel accept for the same address created the account first.
		if (isUniqueViolation(error)) {
			throw new DomainError('CONFLICT', 'account exists', { form: 'invitation_account_exists' });
		}
		throw error;
	}
}

/**
 * Accepts an invitation for the signed-in person: only when their address is the invited one
 * (FORBIDDEN otherwise, with `form: invitation_other_person`). Confirms the address as a side
 * effect. Throws NOT_FOUND when the invitation cannot be used (any more).
 */
export async function acceptInvitationAsSignedIn(ctx: Ctx, token: unknown): Promise<AcceptResult> {
	const actor = requirePerson(ctx.actor);
	const { row, municipalities } = await usableInvitation(ctx, token);
	const me = await findPersonById(ctx.db, actor.personId);
	if (!me || me.deleted_at !== null || me.email !== row.email) {
		throw new DomainError('FORBIDDEN', 'invitation for another address', {
			form: 'invitation_other_person'
		});
	}
	await inTransaction(ctx.db, async (tx) => {
		await markEmailVerified(tx, me.id, ctx.now().toISOString());
		await applyInvitation(tx, ctx, row, municipalities, me);
	});
	return {
		personId: me.id,
		role: row.role,
		municipalities: municipalities.map((m) => ({ ags: m.ags, name: m.name }))
	};
}
