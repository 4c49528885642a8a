/**
 * Use cases of membership applications: a municipality that is not a member applies through the
 * public form "Mitglied werden" (one person may apply for several municipalities of their
 * administrative association), and the coordination accepts or declines.
 *
 * Applying marks the municipalities `applied` (hidden from the public by the register). Accepting
 * makes them members at once and invites the applicant as their admin; declining sets them back
 * to `none` (unless another application for them is still open) and tells the applicant why.
 */
import { auditActorOf, emailActorLabel, recordAuditEvent } from '../audit';
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import type { ApplicationStatus } from '../db/schema';
import { DomainError, forbidden, invalid, notFound } from '../errors';
import { enqueueMail } from '../mail';
import {
	assertAllowed,
	consumeRateLimit,
	RATE_LIMIT_POLICIES,
	rateLimitRequest
} from '../rate-limits';
import {
	decideApplication,
	findApplicationById,
	findApplicationMunicipalities,
	findApplications,
	findMunicipalitiesWithOtherPendingApplication,
	insertApplication
} from './application.repository';
import {
	AcceptApplicationSchema,
	ApplicationSchema,
	RejectApplicationSchema,
	type AcceptApplicationInput,
	type ApplicationInput,
	type RejectApplicationInput
} from './application.schema';
import { countInvitationLimits, writeInvitation, type MailOrigin } from './invitation.service';
import {
	applicationNoticeMail,
	applicationReceivedMail,
	applicationRejectedMail
} from './membership.mail';
import { canDecideApplications } from './membership.policy';
import {
	findMunicipalitiesByAgs,
	findNonMembersOfAssociation,
	markApplied,
	resetApplied
} from './membership.repository';
import { fieldErrorsOf } from './membership.schema';
import {
	admitMunicipalities,
	networkDate,
	networkNameFor,
	requirePerson
} from './membership.shared';
import { canWrite } from '../auth';

export interface ApplicationRequest extends MailOrigin {
	/** The client's address (rate limit, audit log); null when unknown. */
	ip: string | null;
	userAgent: string | null;
}

export interface ApplicationView {
	id: number;
	contactName: string;
	email: string;
	jobTitle: string | null;
	phone: string | null;
	message: string | null;
	status: ApplicationStatus;
	decisionReason: string | null;
	decidedBy: string | null;
	decidedAt: string | null;
	createdAt: string;
	municipalities: { ags: string; name: string; membershipStatus: string }[];
}

/**
 * Files an application for a municipality (and, with `forAssociation`, every non-member of its
 * association). Limited per client address and per e-mail address (RATE_LIMITED). Throws
 * INVALID (first problem per field; `ags: already_member` for a member). A second application
 * for the same municipality is taken like the first: whether one is pending is not public.
 */
export async function submitApplication(
	ctx: Ctx,
	input: ApplicationInput,
	request: ApplicationRequest
): Promise<{ applicationId: number; municipalities: { ags: string; name: string }[] }> {
	const parsed = ApplicationSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const { ags, forAssociation, contactName, email, jobTitle, phone, message } = parsed.data;
	const [municipality] = await findMunicipalitiesByAgs(ctx.db, [ags]);
	if (!municipality) throw invalid({ ags: 'ags_required' });
	if (municipality.membership_status === 'member') throw invalid({ ags: 'already_member' });
	let municipalities = [municipality];
	if (forAssociation && municipality.association_id !== null) {
		const peers = await findNonMembersOfAssociation(ctx.db, municipality.association_id);
		municipalities = [municipality, ...peers.filter((peer) => peer.id !== municipality.id)];
	}

	assertAllowed(
		await consumeRateLimit(
			ctx,
			rateLimitRequest(RATE_LIMIT_POLICIES.APPLICATION_PER_ADDRESS, request.ip)
		)
	);
	assertAllowed(
		await consumeRateLimit(ctx, rateLimitRequest(RATE_LIMIT_POLICIES.APPLICATION_PER_EMAIL, email))
	);

	const now = ctx.now();
	const nowIso = now.toISOString();
	const ids = municipalities.map((m) => m.id);
	const names = municipalities.map((m) => m.name);
	const applicationId = await inTransaction(ctx.db, async (tx) => {
		const id = await insertApplication(
			tx,
			{
				contact_name: contactName,
				email,
				job_title: jobTitle,
				phone,
				message,
				status: 'pending',
				created_at: nowIso
			},
			ids
		);
		await markApplied(tx, ids, networkDate(now), nowIso);
		await recordAuditEvent(
			tx,
			{
				action: 'application.submitted',
				actorLabel: emailActorLabel(email),
				subjectType: 'membership_application',
				subjectId: id,
				municipalityId: municipality.id,
				ipAddress: request.ip,
				userAgent: request.userAgent,
				details: { municipalityIds: ids }
			},
			ctx
		);
		const network = await networkNameFor(tx);
		await enqueueMail(
			tx,
			applicationReceivedMail({
				to: email,
				networkName: network.name,
				contactName,
				municipalityNames: names
			}),
			{ now, dedupeKey: `application:${id}:received` }
		);
		if (network.contactEmail) {
			await enqueueMail(
				tx,
				applicationNoticeMail({
					to: network.contactEmail,
					networkName: network.name,
					municipalityNames: names,
					link: `${request.origin.replace(/\/+$/, '')}/verwaltung/antraege`
				}),
				{ now, dedupeKey: `application:${id}:notice` }
			);
		}
		return id;
	});
	return { applicationId, municipalities: municipalities.map(({ ags, name }) => ({ ags, name })) };
}

/** Applications, pending ones first in order of arrival, then decided ones. Coordination only. */
export async function listApplications(ctx: Ctx): Promise<ApplicationView[]> {
	if (!canDecideApplications(ctx.actor)) throw forbidden('list applications');
	const [pending, decided] = await Promise.all([
		findApplications(ctx.db, 'pending'),
		findApplications(ctx.db)
	]);
	const rows = [...pending, ...decided.filter((row) => row.status !== 'pending')];
	const municipalityRows = await findApplicationMunicipalities(
		ctx.db,
		rows.map((row) => row.id)
	);
	return rows.map((row) => ({
		id: row.id,
		contactName: row.contact_name,
		email: row.email,
		jobTitle: row.job_title,
		phone: row.phone,
		message: row.message,
		status: row.status,
		decisionReason: row.decision_reason,
		decidedBy: row.decided_by_name,
		decidedAt: row.decided_at,
		createdAt: row.created_at,
		municipalities: municipalityRows
			.filter((m) => m.application_id === row.id)
			.map((m) => ({ ags: m.ags, name: m.name, membershipStatus: m.membership_status }))
	}));
}

async function pendingApplication(ctx: Ctx, applicationId: number) {
	const application = await findApplicationById(ctx.db, applicationId);
	if (!application) throw notFound('application');
	if (application.status !== 'pending') {
		throw new DomainError('CONFLICT', 'already decided', { form: 'application_decided' });
	}
	const municipalities = await findApplicationMunicipalities(ctx.db, [application.id]);
	return { application, municipalities };
}

function decider(ctx: Ctx) {
	const actor = requirePerson(ctx.actor);
	if (!canDecideApplications(actor) || !canWrite(actor)) throw forbidden('decide applications');
	return actor;
}

/**
 * Accepts a pending application: its municipalities become members today and the applicant is
 * invited as their admin (the mail says the application was accepted and carries the link).
 * Throws NOT_FOUND, CONFLICT when it was decided already, FORBIDDEN for anyone but the
 * coordination, RATE_LIMITED by the invitation limits.
 */
export async function acceptApplication(
	ctx: Ctx,
	input: AcceptApplicationInput,
	options: MailOrigin
): Promise<{ invitationId: number }> {
	const actor = decider(ctx);
	const parsed = AcceptApplicationSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const { applicationId, reason } = parsed.data;
	const { application, municipalities } = await pendingApplication(ctx, applicationId);
	await countInvitationLimits(ctx, actor.personId, application.email);
	const now = ctx.now();
	const nowIso = now.toISOString();
	return inTransaction(ctx.db, async (tx) => {
		const decided = await decideApplication(tx, application.id, {
			status: 'accepted',
			reason,
			personId: actor.personId,
			nowIso
		});
		if (!decided) {
			throw new DomainError('CONFLICT', 'already decided', { form: 'application_decided' });
		}
		await admitMunicipalities(
			tx,
			ctx,
			municipalities.map((m) => m.id),
			auditActorOf(actor),
			{ applicationId: application.id }
		);
		await recordAuditEvent(
			tx,
			{
				action: 'application.accepted',
				...auditActorOf(actor),
				subjectType: 'membership_application',
				subjectId: application.id,
				municipalityId: municipalities[0]?.id ?? null,
				details: { municipalityIds: municipalities.map((m) => m.id) }
			},
			ctx
		);
		const invitationId = await writeInvitation(tx, ctx, {
			email: application.email,
			displayName: application.contact_name,
			role: 'admin',
			invitedByPersonId: actor.personId,
			municipalities,
			origin: options.origin,
			application: { id: application.id, reason }
		});
		return { invitationId };
	});
}

/**
 * Declines a pending application with a reason, which is mailed to the applicant. Its
 * municipalities go back to `none` unless another application for them is still pending.
 */
export async function rejectApplication(ctx: Ctx, input: RejectApplicationInput): Promise<void> {
	const actor = decider(ctx);
	const parsed = RejectApplicationSchema.safeParse(input);
	if (!parsed.success) throw invalid(fieldErrorsOf(parsed.error));
	const { applicationId, reason } = parsed.data;
	const { application, municipalities } = await pendingApplication(ctx, applicationId);
	const now = ctx.now();
	const nowIso = now.toISOString();
	await inTransaction(ctx.db, async (tx) => {
		const decided = await decideApplication(tx, application.id, {
			status: 'rejected',
			reason,
			personId: actor.personId,
			nowIso
		});
		if (!decided) {
			throw new DomainError('CONFLICT', 'already decided', { form: 'application_decided' });
		}
		const ids = municipalities.map((m) => m.id);
		const stillPending = await findMunicipalitiesWithOtherPendingApplication(
			tx,
			ids,
			application.id
		);
		const reset = await resetApplied(
			tx,
			ids.filter((id) => !stillPending.includes(id)),
			nowIso
		);
		for (const municipalityId of reset) {
			await recordAuditEvent(
				tx,
				{
					action: 'membership.changed',
					...auditActorOf(actor),
					subjectType: 'municipality',
					subjectId: municipalityId,
					municipalityId,
					details: { from: 'applied', to: 'none', applicationId: application.id }
				},
				ctx
			);
		}
		await recordAuditEvent(
			tx,
			{
				action: 'application.rejected',
				...auditActorOf(actor),
				subjectType: 'membership_application',
				subjectId: application.id,
				municipalityId: municipalities[0]?.id ?? null,
				details: { municipalityIds: ids }
			},
			ctx
		);
		const network = await networkNameFor(tx);
		await enqueueMail(
			tx,
			applicationRejectedMail({
				to: application.email,
				networkName: network.name,
				contactName: application.contact_name,
				municipalityNames: municipalities.map((m) => m.name),
				reason
			}),
			{ now, dedupeKey: `application:${application.id}:rejected` }
		);
	});
}
