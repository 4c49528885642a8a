import type { RequestHandler } from './$types';
import { getCurrentPerson } from '$lib/server/auth';
import { apiRoute } from '$lib/server/web/api';

/** Who am I: the person, their municipalities and roles, and what this request may do. */
export const GET: RequestHandler = apiRoute(({ locals }) => getCurrentPerson(locals.ctx));
