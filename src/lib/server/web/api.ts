/**
 * The JSON API's edge (decision 0013): errors as `{ "error": { "code", "message", "fields" } }`
 * with the stable codes and statuses of errors.ts, authentication by personal API token, and the
 * rule that keeps the API safe from cross-site requests: a browser's cookie may read (GET, HEAD),
 * but every change needs `Authorization: Bearer …`, and a body must be `application/json`.
 */
import { json, type Handle, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { authenticateApiToken, bearerTokenOf } from '../auth';
import type { Actor } from '../context';
import {
	DomainError,
	ERROR_STATUS,
	isDomainError,
	type ErrorCode,
	type FieldErrors
} from '../errors';
import { retryAfterOf } from '../rate-limits';

/** Code of an answer no domain error explains: the error is logged under `errorId`. */
export type ApiErrorCode = ErrorCode | 'INTERNAL';

export interface ApiErrorBody {
	error: {
		code: ApiErrorCode;
		message: string;
		fields?: FieldErrors;
		errorId?: string;
	};
}

/** Request bodies larger than this are refused before parsing. */
export const API_BODY_MAX_BYTES = 64 * 1024;

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isApiPath(pathname: string): boolean {
	return pathname === '/api' || pathname.startsWith('/api/');
}

/**
 * Whether the request brings an Authorization header to the API. Such a request is
 * authenticated by that header alone: the session cookie is not even looked at, so a bad token
 * can never fall back to the browser's session.
 */
export function isApiTokenRequest(url: URL, headers: Headers): boolean {
	return isApiPath(url.pathname) && headers.has('authorization');
}

export interface ApiErrorOptions {
	fields?: FieldErrors;
	errorId?: string;
	headers?: Record<string, string>;
	/** For 401: the `error` parameter of `WWW-Authenticate` (RFC 6750), e.g. `invalid_token`. */
	bearerError?: 'invalid_token' | 'insufficient_scope';
}

/** A JSON error answer with the status of its code. Never cached. */
export function apiError(
	code: ApiErrorCode,
	message: string,
	options: ApiErrorOptions = {}
): Response {
	const status = code === 'INTERNAL' ? 500 : ERROR_STATUS[code];
	const body: ApiErrorBody = { error: { code, message } };
	if (options.fields && Object.keys(options.fields).length > 0) body.error.fields = options.fields;
	if (options.errorId) body.error.errorId = options.errorId;
	const headers: Record<string, string> = { 'cache-control': 'no-store', ...options.headers };
	if (status === 401 || options.bearerError === 'insufficient_scope') {
		headers['www-authenticate'] = options.bearerError
			? `Bearer realm="api", error="${options.bearerError}"`
			: 'Bearer realm="api"';
	}
	return json(body, { status, headers });
}

/** The JSON answer for a domain error: its code, message and fields; Retry-After on 429. */
export function apiErrorOf(error: DomainError): Response {
	const retryAfter = retryAfterOf(error);
	return apiError(error.code, error.message, {
		fields: error.fields,
		headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }
	});
}

/**
 * Wraps an API handler: a returned value becomes JSON (a Response passes through), a domain
 * error becomes its JSON error, anything else is logged with an id and answered 500 INTERNAL.
 */
export function apiRoute<E extends RequestEvent>(
	handler: (event: E) => Promise<unknown>
): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			const result = await handler(event);
			return result instanceof Response ? result : json(result);
		} catch (caught) {
			if (isDomainError(caught)) return apiErrorOf(caught);
			const errorId = event.locals.requestId || randomUUID();
			event.locals.log.error({ err: caught, errorId }, 'unexpected API error');
			return apiError('INTERNAL', 'Internal error', { errorId });
		}
	};
}

/** Answers every method of an unknown API path with a JSON 404. */
export const apiNotFound: RequestHandler = () => apiError('NOT_FOUND', 'No such API endpoint');

/** What a request tells the guard. */
export interface ApiRequestFacts {
	method: string;
	contentType: string | null;
	/** A body is announced (Content-Length above 0, or chunked). */
	hasBody: boolean;
	actor: Actor;
}

export interface ApiRefusal {
	code: Extract<ErrorCode, 'UNAUTHENTICATED' | 'FORBIDDEN' | 'UNSUPPORTED_MEDIA_TYPE'>;
	message: string;
}

function mediaTypeOf(contentType: string): string {
	return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * Why a request to the API must be refused before any handler runs, or null. Reads pass. A
 * change needs a bearer token (a cookie alone is what a cross-site form or `fetch` would send),
 * a token that may write, and a JSON body if it has one: `text/plain`, form encodings and
 * anything else a browser can send cross-site without a preflight are refused.
 */
export function checkApiRequest(request: ApiRequestFacts): ApiRefusal | null {
	if (READ_METHODS.has(request.method.toUpperCase())) return null;
	const actor = request.actor;
	if (actor.kind !== 'person' || actor.auth.method !== 'token') {
		return {
			code: 'UNAUTHENTICATED',
			message: 'Changes through the API need an API token (Authorization: Bearer …)'
		};
	}
	if (actor.auth.scope !== 'read_write') {
		return { code: 'FORBIDDEN', message: 'This API token may only read' };
	}
	if (
		(request.hasBody || request.contentType !== null) &&
		mediaTypeOf(request.contentType ?? '') !== 'application/json'
	) {
		return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Request bodies must be application/json' };
	}
	return null;
}

function announcesBody(headers: Headers): boolean {
	const length = headers.get('content-length');
	return (length !== null && length.trim() !== '0') || headers.has('transfer-encoding');
}

/**
 * The request hook's part for `/api/`: authenticates a bearer token (an unknown, expired or
 * revoked one, or another scheme, is answered 401 at once) and applies checkApiRequest.
 */
export const apiAccess: Handle = async ({ event, resolve }) => {
	if (!isApiPath(event.url.pathname)) return resolve(event);
	const headers = event.request.headers;
	const authorization = headers.get('authorization');
	if (authorization !== null) {
		const token = bearerTokenOf(authorization);
		const ctx = event.locals.ctx;
		const actor = token ? await authenticateApiToken(ctx.db, token, ctx.now()) : null;
		if (!actor) {
			return apiError('UNAUTHENTICATED', 'The API token is invalid, expired or revoked', {
				bearerError: 'invalid_token'
			});
		}
		event.locals.ctx = { ...ctx, actor };
	}
	const refusal = checkApiRequest({
		method: event.request.method,
		contentType: headers.get('content-type'),
		hasBody: announcesBody(headers),
		actor: event.locals.ctx.actor
	});
	if (refusal) {
		return apiError(refusal.code, refusal.message, {
			...(refusal.code === 'FORBIDDEN' ? { bearerError: 'insufficient_scope' as const } : {})
		});
	}
	return resolve(event);
};

/**
 * Reads a JSON request body (the guard has already checked its type). Throws INVALID
 * (`body: invalid_json`) for broken JSON and PAYLOAD_TOO_LARGE past API_BODY_MAX_BYTES.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
	const text = await request.text();
	if (Buffer.byteLength(text, 'utf8') > API_BODY_MAX_BYTES) {
		throw new DomainError('PAYLOAD_TOO_LARGE', 'request body too large');
	}
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new DomainError('INVALID', 'invalid input', { body: 'invalid_json' });
	}
}

/**
 * For endpoints that are about "me": a visitor gets 401 with `WWW-Authenticate: Bearer`, so a
 * client knows to bring a token, rather than the 403 a use case answers for lack of rights.
 */
export function assertAuthenticated(actor: Actor): void {
	if (actor.kind === 'anonymous') {
		throw new DomainError('UNAUTHENTICATED', 'Authentication required');
	}
}
