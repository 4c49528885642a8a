/** Links within the project list that keep every filter (and drop the defaults). */
export interface ProjectListState {
	q?: string;
	status: readonly string[];
	kommune?: string;
	verband?: number;
	themenfeld?: string;
	fachbereich?: number;
	loesung?: number;
	partner?: string;
	schlagwort?: string;
	nachnutzung: boolean;
	sort: string;
	seite: number;
}

export function projectListHref(
	state: ProjectListState,
	changes: Partial<ProjectListState> = {}
): string {
	const s = { ...state, ...changes };
	const params = new URLSearchParams();
	if (s.q) params.set('q', s.q);
	for (const status of s.status) params.append('status', status);
	if (s.kommune) params.set('kommune', s.kommune);
	if (s.verband) params.set('verband', String(s.verband));
	if (s.themenfeld) params.set('themenfeld', s.themenfeld);
	if (s.fachbereich) params.set('fachbereich', String(s.fachbereich));
	if (s.loesung) params.set('loesung', String(s.loesung));
	if (s.partner) params.set('partner', s.partner);
	if (s.schlagwort) params.set('schlagwort', s.schlagwort);
	if (s.nachnutzung) params.set('nachnutzung', '1');
	if (s.sort && s.sort !== 'aktualisiert') params.set('sort', s.sort);
	if (s.seite > 1) params.set('seite', String(s.seite));
	const query = params.toString();
	return query ? `/projekte?${query}` : '/projekte';
}

/** Whether any filter (not paging, not sorting) is set. */
export function hasProjectFilter(state: ProjectListState): boolean {
	return Boolean(
		state.q ||
		state.status.length > 0 ||
		state.kommune ||
		state.verband ||
		state.themenfeld ||
		state.fachbereich ||
		state.loesung ||
		state.partner ||
		state.schlagwort ||
		state.nachnutzung
	);
}
