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
export { addPerson, createCoordinator } from './person.service';
// For use cases elsewhere that prove an address in their own transaction (invitations).
export { markEmailVerified } from './auth.repository';
export { hashNewPassword } from './new-password';
export { createSession, type SessionStarted, type TwoFactorChallenge } from './auth.service';
export {
	changePassword,
	getAccountSecurity,
	purgeExpiredAccountTokens,
	type AccountSecurity
} from './account-security.service';
export {
	isPasswordResetLinkUsable,
	PASSWORD_RESET_PATH,
	requestPasswordReset,
	resetPassword
} from './password-reset.service';
export {
	EMAIL_VERIFICATION_PATH,
	findEmailVerificationLink,
	requestEmailChange,
	sendEmailVerification,
	verifyEmail,
	type EmailVerificationLink
} from './email-verification.service';
export {
	CHALLENGE_MAX_ATTEMPTS,
	completeTwoFactorSignIn,
	confirmTwoFactorSetup,
	disableTwoFactor,
	getTwoFactorStatus,
	regenerateBackupCodes,
	resetTwoFactor,
	type TwoFactorSetup,
	type TwoFactorStatus
} from './two-factor.service';
export {
	canResetTwoFactor,
	isReachableBeforeEnrolment,
	isTwoFactorRequired,
	mustEnrolTwoFactor,
	TWO_FACTOR_ENROLMENT_PATH
} from './two-factor.policy';
export { challengeCookieName, challengeCookieOptions } from './account-token';
export { qrCodeSvg } from './qr-code';
export {
	authenticateApiToken,
	createApiToken,
	createApiTokenForPerson,
	listApiTokens,
	revokeApiToken,
	type ApiTokenView,
	type CreatedApiToken
} from './api-token.service';
export { canCreateApiToken, type ApiTokenStatus } from './api-token.policy';
export { getCurrentPerson, type CurrentPerson } from './current-person.service';
export {
	API_TOKEN_DAY_CHOICES,
	API_TOKEN_MAX_DAYS,
	API_TOKEN_NAME_MAX_LENGTH,
	type CreateApiTokenInput
} from './api-token.schema';
export { bearerTokenOf } from './api-token.token';
export {
	canCreateCoordinator,
	canRead,
	canWrite,
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
export { hashPassword, verifyPassword } from './password.hash';
export {
	SESSION_ABSOLUTE_SECONDS,
	SESSION_IDLE_SECONDS,
	sessionCookieName,
	sessionCookieOptions
} from './session.token';
