/**
 * The edit and quick-note forms as the web layer submits them: form fields → the use case's input,
 * and stored values → what the form shows. Plain FormData, no SvelteKit.
 */
import {
	centsToEuroInput,
	euroToCents,
	PROJECT_LIMITS,
	type ProjectInputRaw,
	type QuickNoteRaw
} from './project.schema';
import type { ProjectValues } from './project.service';

/** What the edit form shows (all text, as typed). */
export interface ProjectFormValues {
	title: string;
	summary: string;
	descriptionMd: string;
	lessonsLearnedMd: string;
	municipalityId: string;
	partnerMunicipalityIds: string[];
	status: string;
	statusChangedOn: string;
	domainId: string;
	topicFieldKey: string;
	tags: string;
	productIds: string[];
	startedOn: string;
	liveOn: string;
	costsOnce: string;
	costsYearly: string;
	staffEffort: string;
	fundingProgramme: string;
	hoursSavedPerYear: string;
	casesPerYear: string;
	contactPersonIds: string[];
	links: { label: string; url: string }[];
	visibility: string;
	partnersCanEdit: boolean;
}

function text(form: FormData, name: string, max = 25_000): string {
	const value = form.get(name);
	return typeof value === 'string' ? value.slice(0, max) : '';
}

function all(form: FormData, name: string): string[] {
	return form
		.getAll(name)
		.filter((value): value is string => typeof value === 'string')
		.slice(0, 500)
		.map((value) => value.slice(0, 20));
}

/** Reads the edit form. Empty link rows are dropped; the rest keep their order. */
export function readProjectForm(form: FormData): {
	values: ProjectFormValues;
	input: ProjectInputRaw;
} {
	const links: { label: string; url: string }[] = [];
	for (let row = 0; row < PROJECT_LIMITS.links + 5; row++) {
		const label = text(form, `linkLabel${row}`, 500).trim();
		const url = text(form, `linkUrl${row}`, 3000).trim();
		if (label || url) links.push({ label, url });
	}
	const values: ProjectFormValues = {
		title: text(form, 'title', 1000),
		summary: text(form, 'summary', 2000),
		descriptionMd: text(form, 'descriptionMd'),
		lessonsLearnedMd: text(form, 'lessonsLearnedMd'),
		municipalityId: text(form, 'municipalityId', 20),
		partnerMunicipalityIds: all(form, 'partnerMunicipalityIds'),
		status: text(form, 'status', 40),
		statusChangedOn: text(form, 'statusChangedOn', 40),
		domainId: text(form, 'domainId', 20),
		topicFieldKey: text(form, 'topicFieldKey', 200),
		tags: text(form, 'tags', 2000),
		productIds: all(form, 'productIds'),
		startedOn: text(form, 'startedOn', 40),
		liveOn: text(form, 'liveOn', 40),
		costsOnce: text(form, 'costsOnce', 40),
		costsYearly: text(form, 'costsYearly', 40),
		staffEffort: text(form, 'staffEffort', 500),
		fundingProgramme: text(form, 'fundingProgramme', 500),
		hoursSavedPerYear: text(form, 'hoursSavedPerYear', 40),
		casesPerYear: text(form, 'casesPerYear', 40),
		contactPersonIds: all(form, 'contactPersonIds'),
		links,
		visibility: text(form, 'visibility', 40),
		partnersCanEdit: form.get('partnersCanEdit') === 'on'
	};
	const input: ProjectInputRaw = {
		title: values.title,
		summary: values.summary,
		descriptionMd: values.descriptionMd,
		lessonsLearnedMd: values.lessonsLearnedMd,
		municipalityId: values.municipalityId,
		partnerMunicipalityIds: values.partnerMunicipalityIds,
		status: values.status,
		statusChangedOn: values.statusChangedOn,
		domainId: values.domainId,
		topicFieldKey: values.topicFieldKey,
		tags: values.tags,
		productIds: values.productIds,
		startedOn: values.startedOn,
		liveOn: values.liveOn,
		costsOnceCents: euroToCents(values.costsOnce),
		costsYearlyCents: euroToCents(values.costsYearly),
		staffEffort: values.staffEffort,
		fundingProgramme: values.fundingProgramme,
		hoursSavedPerYear: values.hoursSavedPerYear,
		casesPerYear: values.casesPerYear,
		contactPersonIds: values.contactPersonIds,
		links,
		visibility: values.visibility,
		partnersCanEdit: values.partnersCanEdit
	};
	return { values, input };
}

/** The stored project as the edit form shows it. */
export function projectFormValuesOf(values: ProjectValues): ProjectFormValues {
	return {
		title: values.title,
		summary: values.summary,
		descriptionMd: values.descriptionMd,
		lessonsLearnedMd: values.lessonsLearnedMd,
		municipalityId: String(values.municipalityId),
		partnerMunicipalityIds: values.partnerMunicipalityIds.map(String),
		status: values.status,
		statusChangedOn: '',
		domainId: values.domainId === null ? '' : String(values.domainId),
		topicFieldKey: values.topicFieldKey ?? '',
		tags: values.tags.join(', '),
		productIds: values.productIds.map(String),
		startedOn: values.startedOn ?? '',
		liveOn: values.liveOn ?? '',
		costsOnce: centsToEuroInput(values.costsOnceCents),
		costsYearly: centsToEuroInput(values.costsYearlyCents),
		staffEffort: values.staffEffort ?? '',
		fundingProgramme: values.fundingProgramme ?? '',
		hoursSavedPerYear: values.hoursSavedPerYear === null ? '' : String(values.hoursSavedPerYear),
		casesPerYear: values.casesPerYear === null ? '' : String(values.casesPerYear),
		contactPersonIds: values.contactPersonIds.map(String),
		links: values.links.map((link) => ({ ...link })),
		visibility: values.visibility,
		partnersCanEdit: values.partnersCanEdit
	};
}

/** What the quick-note form shows. */
export interface QuickNoteFormValues {
	title: string;
	status: string;
	summary: string;
	municipalityId: string;
	visibility: string;
}

export function readQuickNoteForm(form: FormData): {
	values: QuickNoteFormValues;
	input: QuickNoteRaw;
} {
	const values: QuickNoteFormValues = {
		title: text(form, 'title', 1000),
		status: text(form, 'status', 40),
		summary: text(form, 'summary', 2000),
		municipalityId: text(form, 'municipalityId', 20),
		visibility: text(form, 'visibility', 40)
	};
	return { values, input: { ...values } };
}
