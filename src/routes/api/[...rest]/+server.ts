import { apiNotFound } from '$lib/server/web/api';

/** Unknown API paths answer in JSON too, whatever the method. */
export const fallback = apiNotFound;
