/**
 * Use cases of the people of a municipality and of the administration overview. A municipality
 * admin manages their own municipality's people; the coordination manages everyone's. A
 * municipality never loses its last admin by an admin's hand (see judgePeopleChange).
 */
import { auditActorOf, recordAuditEvent } from '../audit';
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import type { MembershipStatus, MunicipalityRole } from '../db/schema';
import { DomainError, forbidden, invalid, notFound } from '../errors';
import { countApplications } from './application.repository';
import { findOpenInvitations, findOpenInvitationsOfMunicipality } from './invitation.repository';
import { openInvitationViews, type OpenInvitationView } from './invitation.service';
import {
	canAdministrate,
	canDecideApplications,
	canManageInvitations,
	canManageMunicipalityPeople,
	judgePeopleChange
} from './membership.policy';
import {
	countAdmins,
	deleteMembership,
	findAdministeredMunicipalities,
	findAllMunicipalities,
	findMemberMunicipalities,
	findMembership,
	findMunicipalitiesByAgs,
	findPeopleOfMunicipality,
	lockMunicipality,
	updateMembershipRole
} from './membership.repository';
import {
	AgsSchema,
	ChangeRoleSchema,
	fieldErrorsOf,
	RemovePersonSchema,
	type ChangeRoleInput,
	type RemovePersonInput
} from './membership.schema';
import { requirePerson } from './membership.shared';

export interface AdministrationOverview {
	isCoordinator: boolean;
	/** The municipalities whose people the actor manages (all members for the coordination). */
	municipalities: { ags: string; name: string; membershipStatus: MembershipStatus }[];
	pendingApplications: number;
	openInvitations: number;
}

/** The start page of /verwaltung. FORBIDDEN for anyone who administrates nothing. */
export async function getAdministrationOverview(ctx: Ctx): Promise<AdministrationOverview> {
	const actor = requirePerson(ctx.actor);
	if (!canAdministrate(actor)) throw forbidden('administration');
	const isCoordinator = canManageInvitations(actor);
	const municipalities = isCoordinator
		? await findMemberMunicipalities(ctx.db)
		: await findAdministeredMunicipalities(ctx.db, actor.personId);
	return {
		isCoordinator,
		municipalities: municipalities.map((m) => ({
			ags: m.ags,
			name: m.name,
			membershipStatus: m.membership_status
		})),
		pendingApplications: canDecideApplications(actor)
			? await countApplications(ctx.db, 'pending')
			: 0,
		openInvitations: isCoordinator ? (await findOpenInvitations(ctx.db)).length : 0
	};
}

export interface MunicipalityChoice {
	ags: string;
	name: string;
	association: string | null;
	isMember: boolean;
}

/**
 * Municipalities for the forms' choices. Whether a municipality has applied is not shown: the
 * public form must not reveal pending applications (they count as non-members here).
 */
export async function listMunicipalityChoices(ctx: Ctx): Promise<MunicipalityChoice[]> {
	const rows = await findAllMunicipalities(ctx.db);
	return rows.map((row) => ({
		ags: row.ags,
		name: row.name,
		association: row.association_name,
		isMember: row.membership_status === 'member'
	}));
}

export interface MunicipalityPerson {
	personId: number;
	displayName: string;
	email: string;
	jobTitle: string | null;
	role: MunicipalityRole;
	since: string;
	lastSignInAt: string | null;
}

export interface MunicipalityPeople {
	municipality: { ags: string; name: string; membershipStatus: MembershipStatus };
	people: MunicipalityPerson[];
	invitations: OpenInvitationView[];
	adminCount: number;
	/** Whether the actor may remove or demote the last admin (the coordination only). */
	mayRemoveLastAdmin: boolean;
}

/** The municipality the actor may manage, by AGS; NOT_FOUND for any other (or unknown) one. */
async function managedMunicipality(ctx: Ctx, ags: unknown) {
	const actor = requirePerson(ctx.actor);
	const parsed = AgsSchema.safeParse(ags);
	if (!parsed.success) throw notFound('municipality');
	const [municipality] = await findMunicipalitiesByAgs(ctx.db, [parsed.data]);
	// Another municipality's people are not this admin's business: it answers like a missing one.
	if (!municipality || !canManageMunicipalityPeople(actor, municipality.id)) {
		throw notFound('municipality');
	}
	return { actor, municipality };
}

/** The people of a municipality with their roles, and its open invitations. */
export async function getMunicipalityPeople(ctx: Ctx, ags: unknown): Promise<MunicipalityPeople> {
	const { actor, municipality } = await managedMunicipality(ctx, ags);
	const [people, invitationRows] = await Promise.all([
		findPeopleOfMunicipality(ctx.db, municipality.id),
		findOpenInvitationsOfMunicipality(ctx.db, municipality.id)
	]);
	return {
		municipality: {
			ags: municipality.ags,
			name: municipality.name,
			membershipStatus: municipality.membership_status
		},
		people: people.map((row) => ({
			personId: row.id,
			displayName: row.display_name,
			email: row.email,
			jobTitle: row.job_title,
			role: row.role,
			since: row.created_at,
			lastSignInAt: row.last_sign_in_at
		})),
		invitations: await openInvitationViews(ctx, invitationRows),
		adminCount: people.filter((row) => row.role === 'admin').length,
		mayRemoveLastAdmin: actor.isCoordinator
	};
}

/**
 * Changes one person's role in one municipality, or removes them from it (`role: null`). The
 * person must belong to that municipality (NOT_FOUND otherwise, also for ids of other
 * municipalities' people). CONFLICT `last_admin` when an admin would take away the last admin.
 */
async function changePeople(
	ctx: Ctx,
	ags: unknown,
	personId: number,
	newRole: MunicipalityRole | null
): Promise<void> {
	const { actor, municipality } = await managedMunicipality(ctx, ags);
	await inTransaction(ctx.db, async (tx) => {
		await lockMunicipality(tx, municipality.id);
		const membership = await findMembership(tx, personId, municipality.id);
		if (!membership) throw notFound('person');
		if (membership.role === newRole) return;
		const verdict = judgePeopleChange(actor, {
			municipalityId: municipality.id,
			currentRole: membership.role,
			newRole,
			adminCount: await countAdmins(tx, municipality.id)
		});
		if (verdict === 'forbidden') throw notFound('municipality');
		if (verdict === 'last_admin') {
			throw new DomainError('CONFLICT', 'last admin', { form: 'last_admin' });
		}
		if (newRole === null) {
			await deleteMembership(tx, personId, municipality.id);
		} else {
			await updateMembershipRole(tx, personId, municipality.id, newRole);
		}
		await recordAuditEvent(
			tx,
			{
				action: 'role.changed',
				...auditActorOf(actor),
				subjectType: 'person',
				subjectId: personId,
				municipalityId: municipality.id,
				details: { from: membership.role, to: newRole ?? 'removed' }
			},
			ctx
		);
	});
}

/** Gives a person of the municipality another role (admin or member). */
export async function changeMemberRole(
	ctx: Ctx,
	ags: unknown,
	input: ChangeRoleInput
): Promise<void> {
	const parsed = ChangeRoleSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	await changePeople(ctx, ags, parsed.data.personId, parsed.data.role);
}

/** Removes a person from the municipality (their account and other memberships stay). */
export async function removeMember(
	ctx: Ctx,
	ags: unknown,
	input: RemovePersonInput
): Promise<void> {
	const parsed = RemovePersonSchema.safeParse(input);
	if (!parsed.success) throw notFound('person');
	await changePeople(ctx, ags, parsed.data.personId, null);
}
