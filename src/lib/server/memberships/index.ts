export {
	acceptInvitationAsSignedIn,
	acceptInvitationWithNewAccount,
	inviteToMunicipalities,
	listOpenInvitations,
	resendInvitation,
	revokeInvitation,
	viewInvitation,
	type AcceptResult,
	type AcceptWithNewAccountRequest,
	type InvitationMunicipality,
	type InvitationView,
	type MailOrigin,
	type OpenInvitationView
} from './invitation.service';
export {
	acceptApplication,
	listApplications,
	rejectApplication,
	submitApplication,
	type ApplicationRequest,
	type ApplicationView
} from './application.service';
export {
	changeMemberRole,
	getAdministrationOverview,
	getMunicipalityPeople,
	listMunicipalityChoices,
	removeMember,
	type AdministrationOverview,
	type MunicipalityChoice,
	type MunicipalityPeople,
	type MunicipalityPerson
} from './membership.service';
export {
	canAdministrate,
	canDecideApplications,
	canInviteToMunicipalities,
	canInviteToMunicipality,
	canManageInvitation,
	canManageInvitations,
	canManageMunicipalityPeople,
	judgePeopleChange,
	type PeopleChangeVerdict
} from './membership.policy';
export { INVITATION_VALID_DAYS } from './invitation.token';
export type { InviteInput, AcceptWithNewAccountInput } from './invitation.schema';
export type { ApplicationInput } from './application.schema';
