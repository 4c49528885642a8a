/**
 * Who sees a person's e-mail address and phone number in the directory, as a pure function of
 * the person, the setting and the viewer. `network`: every signed-in member; `municipality`:
 * members of a municipality the person belongs to as well; `hidden`: nobody but the person.
 */
import type { ContactVisibility } from '../db/schema';

export interface ContactViewer {
	personId: number;
	municipalityIds: readonly number[];
}

export interface ContactOwner {
	personId: number;
	municipalityIds: readonly number[];
}

export function canSeeContact(
	visibility: ContactVisibility,
	owner: ContactOwner,
	viewer: ContactViewer
): boolean {
	if (viewer.personId === owner.personId) return true;
	switch (visibility) {
		case 'network':
			return true;
		case 'municipality':
			return owner.municipalityIds.some((id) => viewer.municipalityIds.includes(id));
		case 'hidden':
			return false;
	}
}

export interface ContactDetails {
	email: string;
	phone: string | null;
	emailVisibility: ContactVisibility;
	phoneVisibility: ContactVisibility;
}

/** The contact details `viewer` may see; the others are null. */
export function visibleContact(
	details: ContactDetails,
	owner: ContactOwner,
	viewer: ContactViewer
): { email: string | null; phone: string | null } {
	return {
		email: canSeeContact(details.emailVisibility, owner, viewer) ? details.email : null,
		phone:
			details.phone !== null && canSeeContact(details.phoneVisibility, owner, viewer)
				? details.phone
				: null
	};
}
