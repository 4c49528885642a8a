/**
 * The API's reads of reuse requests: those of the caller's municipalities, both directions (the
 * coordination sees all, as it may on the web). A project's title shows only where the caller
 * may still see the project. Writes go through the reuse module's use cases.
 */
import { z } from 'zod';
import { canWrite, isCoordinator } from '../auth/auth.policy';
import type { Ctx } from '../context';
import { DomainError, forbidden, invalid, notFound } from '../errors';
import { requestReuse, transitionReuseRequest } from '../reuse';
import { projectScopeOf } from '../projects/project.policy';
import { decodeCursor, keysetPage } from '../web/cursor';
import type { Page, ReuseRequestJson } from './api.schema';
import {
	parseBody,
	REUSE_FIELD_NAMES,
	ReuseRequestBodySchema,
	ReuseTransitionBodySchema
} from './api.input';
import { PathIdSchema, type ReuseRequestListQuery } from './api.query';
import { actingMunicipalityId, municipalityIdsOf, withApiFieldNames } from './api.write';
import { presentReuseRequest } from './reuse-request.presenter';
import {
	findReuseRequestPage,
	findVisibleProjectIds,
	type ReuseRequestRow
} from './reuse-request.repository';

const CURSOR_KIND = 'reuse-requests';
const Position = z.tuple([z.string().max(40), z.number().int().positive()]);

function callerOf(ctx: Ctx) {
	const actor = ctx.actor;
	if (actor.kind === 'anonymous')
		throw new DomainError('UNAUTHENTICATED', 'Authentication required');
	const municipalityIds =
		actor.kind === 'person' ? actor.municipalities.map((m) => m.municipalityId) : [];
	const seesAll = actor.kind === 'system' || isCoordinator(actor);
	return { municipalityIds, seesAll };
}

async function present(ctx: Ctx, rows: ReuseRequestRow[], municipalityIds: readonly number[]) {
	const visible = await findVisibleProjectIds(
		ctx.db,
		projectScopeOf(ctx.actor),
		rows.flatMap((row) => (row.project_id === null ? [] : [row.project_id]))
	);
	return rows.map((row) =>
		presentReuseRequest(row, {
			callerMunicipalityIds: municipalityIds,
			canSeeProject: row.project_id !== null && visible.has(row.project_id)
		})
	);
}

export async function listReuseRequestsForApi(
	ctx: Ctx,
	query: ReuseRequestListQuery
): Promise<Page<ReuseRequestJson>> {
	const caller = callerOf(ctx);
	const after = query.cursor ? decodeCursor(CURSOR_KIND, query.cursor, Position) : undefined;
	const rows = await findReuseRequestPage(ctx.db, {
		municipalityIds: caller.seesAll && !query.direction ? undefined : caller.municipalityIds,
		direction: query.direction,
		status: query.status,
		after: after ? { updatedAt: after[0], id: after[1] } : undefined,
		limit: query.limit + 1
	});
	const page = keysetPage(rows, query.limit, CURSOR_KIND, (row) => [row.updated_at, row.id]);
	return {
		items: await present(ctx, page.rows, caller.municipalityIds),
		nextCursor: page.nextCursor
	};
}

/** One request the caller takes part in; anything else is NOT_FOUND. */
export async function getReuseRequestForApi(ctx: Ctx, id: unknown): Promise<ReuseRequestJson> {
	const caller = callerOf(ctx);
	const parsed = PathIdSchema.safeParse(id);
	if (!parsed.success) throw notFound('reuse request');
	const [row] = await findReuseRequestPage(ctx.db, {
		municipalityIds: caller.seesAll ? undefined : caller.municipalityIds,
		id: parsed.data,
		limit: 1
	});
	if (!row) throw notFound('reuse request');
	const [json] = await present(ctx, [row], caller.municipalityIds);
	return json!;
}

/** Where links in the notification mail point to (the site's own origin). */
export interface ApiMailOrigin {
	origin: string;
}

/**
 * Files a reuse request from one of the caller's municipalities, on a visible project or on a
 * product at a municipality that runs it. The reuse module checks everything and mails the owner.
 */
export async function createReuseRequestForApi(
	ctx: Ctx,
	body: unknown,
	mail: ApiMailOrigin
): Promise<ReuseRequestJson> {
	callerOf(ctx);
	if (!canWrite(ctx.actor)) throw forbidden('read-only');
	const input = parseBody(ReuseRequestBodySchema, body);
	if ((input.project === undefined) === (input.product === undefined)) {
		throw invalid({ project: 'subject_required' });
	}
	let subject: { projectId: number } | { productId: number; ownerMunicipalityId: number };
	if (input.project !== undefined) {
		subject = { projectId: input.project };
	} else {
		if (input.owner === undefined) throw invalid({ owner: 'owner_required' });
		const [ownerId] = await municipalityIdsOf(ctx, [input.owner], 'owner');
		subject = { productId: input.product!, ownerMunicipalityId: ownerId! };
	}
	const requestingMunicipalityId = await actingMunicipalityId(ctx, input.requester, 'requester');
	const id = await withApiFieldNames(REUSE_FIELD_NAMES, () =>
		requestReuse(ctx, subject, { requestingMunicipalityId, message: input.message }, mail)
	);
	return getReuseRequestForApi(ctx, id);
}

/** Moves a request on (accept into discussion, adopt, decline, withdraw). */
export async function transitionReuseRequestForApi(
	ctx: Ctx,
	id: unknown,
	body: unknown,
	mail: ApiMailOrigin
): Promise<ReuseRequestJson> {
	callerOf(ctx);
	if (!canWrite(ctx.actor)) throw forbidden('read-only');
	const parsed = PathIdSchema.safeParse(id);
	if (!parsed.success) throw notFound('reuse request');
	const input = parseBody(ReuseTransitionBodySchema, body);
	await transitionReuseRequest(
		ctx,
		{ requestId: parsed.data, status: input.status, note: input.note ?? null },
		mail
	);
	return getReuseRequestForApi(ctx, parsed.data);
}
