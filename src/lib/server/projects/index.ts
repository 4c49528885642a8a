/** The project catalogue: public surface of the module. */
export {
	canAddProjects,
	canCreateProjectFor,
	canDeleteProject,
	canEditProject,
	canManageProjectSharing,
	canRestoreProject,
	canSeeProject,
	isProjectParticipant,
	projectScopeOf,
	type ProjectAccessFacts,
	type ProjectScope
} from './project.policy';
export { projectVisibleTo, whereProjectVisible } from './project.visibility';
export { findProjectFacts, type ProjectFacts } from './project.repository';
export {
	PROJECT_LIMITS,
	ProjectInputSchema,
	ProjectLinkSchema,
	ProjectStatusSchema,
	ProjectVisibilitySchema,
	QuickNoteSchema,
	TagListSchema,
	centsToEuroInput,
	euroToCents,
	isIsoDate,
	isWebUrl,
	projectFieldErrors,
	todayIso,
	type ProjectInput,
	type ProjectInputRaw,
	type ProjectLink,
	type QuickNoteInput,
	type QuickNoteRaw
} from './project.schema';
export {
	createProject,
	createQuickNote,
	updateProject,
	type CreateProjectOptions,
	type ProjectValues
} from './project.service';
export {
	deleteProject,
	getProject,
	getProjectForEdit,
	listDeletedProjects,
	listOwnerChoices,
	listProjectRevisions,
	listProjectFacets,
	listProjects,
	restoreProject,
	type ProjectListFacets,
	type DeletedProject,
	type MunicipalityRef,
	type ProjectContact,
	type ProjectDetail,
	type ProjectForEdit,
	type ProjectFormChoices,
	type ProjectHistory,
	type ProjectPage,
	type ProjectRevision,
	type ProjectSummary
} from './project-read.service';
export {
	emptyProjectFilter,
	parseProjectFilter,
	PROJECT_PAGE_SIZE,
	PROJECT_SORTS,
	ProjectFilterSchema,
	type ProjectFilter,
	type ProjectFilterInput,
	type ProjectSort
} from './project-list.schema';
export {
	projectFormValuesOf,
	readProjectForm,
	readQuickNoteForm,
	type ProjectFormValues,
	type QuickNoteFormValues
} from './project.form';
