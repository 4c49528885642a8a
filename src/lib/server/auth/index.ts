export {
	listSessions,
	purgeExpiredSessions,
	revokeSession,
	SIGN_IN_FAILED,
	signIn,
	signOut,
	signOutEverywhere,
	validateSession,
	type SessionView,
	type SignInRequest,
	type SignInResult
} from './auth.service';
export { createCoordinator } from './person.service';
export {
	canCreateCoordinator,
	isCoordinator,
	isMunicipalityAdmin,
	isMunicipalityMember,
	isSignedIn
} from './auth.policy';
export { CreatePersonSchema, SignInSchema, type CreatePersonInput } from './auth.schema';
export {
	checkPassword,
	PASSWORD_MAX_LENGTH,
	PASSWORD_MIN_LENGTH,
	type PasswordProblem
} from './password.policy';
export {
	SESSION_ABSOLUTE_SECONDS,
	SESSION_IDLE_SECONDS,
	sessionCookieName,
	sessionCookieOptions
} from './session.token';
