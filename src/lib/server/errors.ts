/**
 * Domain errors carry a stable code; this file is the one place that maps codes to HTTP.
 * Domain modules throw them; routes and the API turn them into pages or JSON errors.
 */
export const ERROR_STATUS = {
	INVALID: 400,
	UNAUTHENTICATED: 401,
	FORBIDDEN: 403,
	NOT_FOUND: 404,
	CONFLICT: 409,
	PAYLOAD_TOO_LARGE: 413,
	UNSUPPORTED_MEDIA_TYPE: 415,
	RATE_LIMITED: 429,
	UNAVAILABLE: 503
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Field name -> first problem (a message key the UI translates). */
export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
		readonly fields: FieldErrors = {}
	) {
		super(message);
		this.name = 'DomainError';
	}

	get status(): number {
		return ERROR_STATUS[this.code];
	}
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (why = 'forbidden') => new DomainError('FORBIDDEN', why);
export const invalid = (fields: FieldErrors) => new DomainError('INVALID', 'invalid input', fields);

export function isDomainError(error: unknown): error is DomainError {
	return error instanceof DomainError;
}
