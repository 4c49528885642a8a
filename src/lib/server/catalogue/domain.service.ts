/**
 * Administration of the domains (Fachbereiche) by the coordination: add, rename, archive and
 * reactivate. Archived domains are no longer offered for new projects but stay on old ones (they
 * are never deleted). Names are unique by their German sort key.
 */
import type { Ctx } from '../context';
import { inTransaction } from '../db';
import { forbidden, invalid, notFound } from '../errors';
import { germanSortKey } from '../text/sort-key';
import { canManageDomains } from './domain.policy';
import { DomainNameSchema, type DomainNameInput } from './domain.schema';
import {
	findDomainById,
	findDomainIdBySortKey,
	insertDomain,
	updateDomainRow
} from './reference.repository';

function parseName(input: DomainNameInput): { name: string; nameSort: string } {
	const parsed = DomainNameSchema.safeParse(input);
	if (!parsed.success) {
		throw invalid({ name: parsed.error.issues[0]?.message ?? 'domain_name_required' });
	}
	const nameSort = germanSortKey(parsed.data.name);
	if (nameSort === '') throw invalid({ name: 'domain_name_required' });
	return { name: parsed.data.name, nameSort };
}

export async function createDomain(ctx: Ctx, input: DomainNameInput): Promise<{ id: number }> {
	if (!canManageDomains(ctx.actor)) throw forbidden('may not manage domains');
	const { name, nameSort } = parseName(input);
	return inTransaction(ctx.db, async (tx) => {
		if ((await findDomainIdBySortKey(tx, nameSort)) !== null) {
			throw invalid({ name: 'domain_name_taken' });
		}
		const id = await insertDomain(tx, {
			name,
			name_sort: nameSort,
			updated_at: ctx.now().toISOString()
		});
		return { id };
	});
}

export async function renameDomain(ctx: Ctx, id: number, input: DomainNameInput): Promise<void> {
	if (!canManageDomains(ctx.actor)) throw forbidden('may not manage domains');
	const { name, nameSort } = parseName(input);
	await inTransaction(ctx.db, async (tx) => {
		if (!(await findDomainById(tx, id))) throw notFound('domain');
		const other = await findDomainIdBySortKey(tx, nameSort);
		if (other !== null && other !== id) throw invalid({ name: 'domain_name_taken' });
		await updateDomainRow(tx, id, {
			name,
			name_sort: nameSort,
			updated_at: ctx.now().toISOString()
		});
	});
}

/** Archives (no longer offered for new projects) or reactivates a domain. */
export async function setDomainArchived(ctx: Ctx, id: number, archived: boolean): Promise<void> {
	if (!canManageDomains(ctx.actor)) throw forbidden('may not manage domains');
	await inTransaction(ctx.db, async (tx) => {
		if (!(await findDomainById(tx, id))) throw notFound('domain');
		await updateDomainRow(tx, id, { is_archived: archived, updated_at: ctx.now().toISOString() });
	});
}
