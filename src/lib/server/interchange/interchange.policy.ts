/**
 * Who may move data in and out in bulk. Importing writes many records for many municipalities at
 * once, so only the coordination (in a session or with a read-write token) and the system (the
 * CLI) may; exporting is open to everyone, and what the file holds follows the project
 * visibility of the actor (interchange.service.ts).
 */
import type { Actor } from '../context';
import { canWrite, isCoordinator } from '../auth/auth.policy';

export function canImport(actor: Actor): boolean {
	return canWrite(actor) && (actor.kind === 'system' || isCoordinator(actor));
}

export function canExport(_actor: Actor): boolean {
	return true;
}
