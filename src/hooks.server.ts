import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { randomUUID } from 'node:crypto';
import { baseLocale, isLocale } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { anonymousContext, startApp, stopApp } from '$lib/server/app';
import {
	isReachableBeforeEnrolment,
	mustEnrolTwoFactor,
	sessionCookieName,
	sessionCookieOptions,
	TWO_FACTOR_ENROLMENT_PATH,
	validateSession
} from '$lib/server/auth';
import { config } from '$lib/server/config';
import { isDomainError } from '$lib/server/errors';
import { logger } from '$lib/server/log';
import { startMaintenance } from '$lib/server/jobs/maintenance';
import { startEventReminders } from '$lib/server/events';
import { mailTransportFromConfig, startMailWorker } from '$lib/server/mail';
import { startNotificationWorker } from '$lib/server/notifications';
import { readContentVersion } from '$lib/server/db/content-version';
import { clientAddress } from '$lib/server/rate-limits';
import { loggablePath } from '$lib/server/web/log-path';
import { isCacheable, PageCache, pageCacheKey } from '$lib/server/web/page-cache';
import { apiAccess, isApiTokenRequest } from '$lib/server/web/api';
import { refuseOversizedRequest, requestBodyLimit } from '$lib/server/attachments';

export const init: ServerInit = async () => {
	const database = await startApp();
	const cfg = config();
	const mailWorker = startMailWorker({
		db: database.db,
		transport: mailTransportFromConfig(cfg, logger()),
		intervalSeconds: cfg.mailWorkerIntervalSeconds
	});
	const notificationWorker = startNotificationWorker({
		db: database.db,
		origin: cfg.origin ?? `http://localhost:${process.env.PORT ?? '3000'}`,
		intervalSeconds: cfg.mailWorkerIntervalSeconds
	});
	const maintenance = startMaintenance({
		db: database.db,
		auditRetentionDays: cfg.auditRetentionDays
	});
	// Reminder mails carry absolute links: ORIGIN, or the development default without it.
	const eventReminders = startEventReminders({
		db: database.db,
		origin: cfg.origin ?? 'http://localhost:3000'
	});
	// adapter-node closes the HTTP server on SIGTERM/SIGINT, lets requests finish, then emits
	// this. The mail worker stops before the database closes; unsent mail waits in the outbox.
	process.once('sveltekit:shutdown', (reason: string) => {
		logger().info({ reason }, 'shutting down');
		void Promise.all([
			mailWorker.stop(),
			notificationWorker.stop(),
			maintenance.stop(),
			eventReminders.stop()
		]).then(stopApp);
	});
};

/** Paths a form may be posted to from elsewhere: the token in the link is the authority. */
const CROSS_SITE_FORM_PATHS = new Set(['/benachrichtigungen/abbestellen']);

/**
 * SvelteKit's origin check for form posts, kept in the hook so that one-click unsubscribe can be
 * exempted (mail clients post it without an Origin header; decision 0027). Everything else: a
 * form-encoded POST/PUT/PATCH/DELETE from another origin is refused with 403.
 */
const sameOriginForms: Handle = ({ event, resolve }) => {
	const { request, url } = event;
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	const isForm = [
		'application/x-www-form-urlencoded',
		'multipart/form-data',
		'text/plain',
		'application/x-sveltekit-formdata'
	].includes(type);
	if (
		isForm &&
		['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method) &&
		request.headers.get('origin') !== url.origin &&
		!CROSS_SITE_FORM_PATHS.has(url.pathname)
	) {
		const message = `Cross-site ${request.method} form submissions are forbidden`;
		return request.headers.get('accept') === 'application/json'
			? Response.json({ message }, { status: 403 })
			: new Response(message, { status: 403 });
	}
	return resolve(event);
};

const requestContext: Handle = async ({ event, resolve }) => {
	const requestId = event.request.headers.get('x-request-id')?.slice(0, 64) || randomUUID();
	const started = performance.now();
	event.locals.requestId = requestId;
	event.locals.log = logger().child({ requestId });
	event.locals.ctx = anonymousContext();
	const response = await resolve(event);
	response.headers.set('x-request-id', requestId);
	event.locals.log.info(
		{
			method: event.request.method,
			path: loggablePath(event.url.pathname),
			status: response.status,
			ms: Math.round((performance.now() - started) * 10) / 10
		},
		'request'
	);
	return response;
};

/** The socket's peer: adapter-node's request, or Kit's own answer under `vite dev`. */
function socketAddress(event: Parameters<Handle>[0]['event']): string | null {
	const req = event.platform?.req;
	if (req) return req.socket.remoteAddress ?? null;
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

/**
 * The signed-in person from the session cookie (decision 0011). An invalid or expired session's
 * cookie is removed. Pages for a signed-in person are never stored by shared caches.
 */
const session: Handle = async ({ event, resolve }) => {
	const cfg = config();
	event.locals.clientAddress = clientAddress(socketAddress(event), event.request.headers, {
		trustedProxies: cfg.trustedProxies,
		header: cfg.addressHeader
	});
	const isHttps = event.url.protocol === 'https:';
	const cookieName = sessionCookieName(isHttps);
	// An API request with an Authorization header is judged by that header alone (apiAccess).
	const token = isApiTokenRequest(event.url, event.request.headers)
		? undefined
		: event.cookies.get(cookieName);
	if (token) {
		const ctx = event.locals.ctx;
		const actor = await validateSession(ctx.db, token, ctx.now());
		if (actor) event.locals.ctx = { ...ctx, actor };
		else event.cookies.delete(cookieName, sessionCookieOptions(isHttps));
	}
	const response = await resolve(event);
	if (event.locals.ctx.actor.kind === 'person') {
		response.headers.set('cache-control', 'private, no-store');
	}
	return response;
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	headers.set('x-frame-options', 'DENY');
	headers.set('cross-origin-opener-policy', 'same-origin');
	headers.set('cross-origin-resource-policy', 'same-origin');
	headers.set(
		'permissions-policy',
		'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()'
	);
	if (event.url.protocol === 'https:') {
		headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	}
	return response;
};

/**
 * A request announcing a body larger than the largest upload plus form overhead is refused with
 * 413 and a German message before its body is read (decision 0018).
 */
const uploadLimit: Handle = ({ event, resolve }) => {
	const maxBytes = config().attachmentMaxBytes;
	return (
		refuseOversizedRequest(event.request, event.url, requestBodyLimit(maxBytes), maxBytes) ??
		resolve(event)
	);
};

/**
 * A person who must use two-factor sign-in (coordinators, municipality admins, or everyone when
 * TWO_FACTOR_REQUIRED says so) but has not set it up reaches only the enrolment page, sign-out,
 * the language switch and static files: pages redirect there (303), the API answers 403.
 */
const twoFactorEnrolment: Handle = ({ event, resolve }) => {
	if (
		!mustEnrolTwoFactor(event.locals.ctx.actor, config().twoFactorRequired) ||
		isReachableBeforeEnrolment(event.url.pathname)
	) {
		return resolve(event);
	}
	if (event.url.pathname.startsWith('/api/')) {
		return Response.json(
			{
				error: {
					code: 'TWO_FACTOR_REQUIRED',
					message: 'Two-factor sign-in must be set up first at ' + TWO_FACTOR_ENROLMENT_PATH
				}
			},
			{ status: 403 }
		);
	}
	return new Response(null, { status: 303, headers: { location: TWO_FACTOR_ENROLMENT_PATH } });
};

const pages = new PageCache();

/** Serves anonymous register pages from the cache, keyed by the content version (decision 0012). */
const pageCache: Handle = async ({ event, resolve }) => {
	const cacheable = isCacheable({
		method: event.request.method,
		routeId: event.route.id,
		isAnonymous: event.locals.ctx.actor.kind === 'anonymous',
		isDataRequest: event.isDataRequest
	});
	if (!cacheable) return resolve(event);
	const chosen = event.cookies.get('sprache');
	const locale = chosen && isLocale(chosen) ? chosen : baseLocale;
	const key = pageCacheKey(await readContentVersion(event.locals.ctx.db), locale, event.url);
	return pages.get(key) ?? pages.put(key, await resolve(event));
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale)
		});
	});

export const handle = sequence(
	sameOriginForms,
	requestContext,
	session,
	securityHeaders,
	uploadLimit,
	apiAccess,
	twoFactorEnrolment,
	pageCache,
	i18n
);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message };
	if (isDomainError(error)) return { message: error.message };
	const errorId = event.locals.requestId ?? randomUUID();
	(event.locals.log ?? logger()).error({ err: error, errorId }, 'unexpected error');
	return { message: 'Interner Fehler', errorId };
};
