/**
 * Who must use two-factor sign-in, and what someone who must but has not yet set it up may still
 * reach. Pure functions of the actor and the `TWO_FACTOR_REQUIRED` setting.
 */
import type { Actor } from '../context';

export type TwoFactorScope = 'privileged' | 'everyone';

/** The page where two-factor sign-in is set up. */
export const TWO_FACTOR_ENROLMENT_PATH = '/konto/sicherheit/zwei-faktor';

/**
 * Whether two-factor sign-in is required for the actor: for coordinators and municipality admins
 * always, for everyone else when the installation says `everyone`.
 */
export function isTwoFactorRequired(actor: Actor, scope: TwoFactorScope): boolean {
	if (actor.kind !== 'person') return false;
	if (scope === 'everyone') return true;
	return (
		actor.isCoordinator || actor.municipalities.some((membership) => membership.role === 'admin')
	);
}

/** Signed in, required to use two-factor sign-in, and not yet enrolled. */
export function mustEnrolTwoFactor(actor: Actor, scope: TwoFactorScope): boolean {
	return actor.kind === 'person' && !actor.hasTwoFactor && isTwoFactorRequired(actor, scope);
}

/** Static files of the build and the app's own files in `static/`. */
const ASSET_PATTERN = /^\/(?:_app\/|favicon\.svg$|robots\.txt$)/;

/**
 * What a person who must enrol may reach before they have: the enrolment page itself, sign-out,
 * the language switch and static files. Everything else sends them to enrolment.
 */
export function isReachableBeforeEnrolment(pathname: string): boolean {
	return (
		pathname === TWO_FACTOR_ENROLMENT_PATH ||
		pathname === '/abmelden' ||
		pathname === '/sprache' ||
		ASSET_PATTERN.test(pathname)
	);
}

/** Resetting someone's lost second factor: the operator (CLI) and the coordination only. */
export function canResetTwoFactor(actor: Actor): boolean {
	return actor.kind === 'system' || (actor.kind === 'person' && actor.isCoordinator);
}
