/** The reads behind the adoption matrix: each one statement over the whole catalogue. */
import type { Db } from '../db';
import type {
	AdoptionStage,
	MembershipStatus,
	MunicipalityType,
	ProjectStatus
} from '../db/schema';
import { projectVisibleTo, type ProjectScope } from '../projects';

export interface MatrixMunicipalityRow {
	id: number;
	ags: string;
	name: string;
	name_sort: string;
	type: MunicipalityType;
	association_id: number | null;
	association_name: string | null;
	population: number | null;
	latitude: number | null;
	longitude: number | null;
	membership_status: MembershipStatus;
	is_founding_member: boolean;
}

export function findMatrixMunicipalities(db: Db): Promise<MatrixMunicipalityRow[]> {
	return db
		.selectFrom('municipality as m')
		.leftJoin('association as a', 'a.id', 'm.association_id')
		.select([
			'm.id',
			'm.ags',
			'm.name',
			'm.name_sort',
			'm.type',
			'm.association_id',
			'a.name as association_name',
			'm.population',
			'm.latitude',
			'm.longitude',
			'm.membership_status',
			'm.is_founding_member'
		])
		.orderBy('m.name_sort')
		.orderBy('m.ags')
		.execute();
}

/** The projects the scope may see: who owns them and how far they are. */
export function findVisibleProjectStages(
	db: Db,
	scope: ProjectScope
): Promise<{ id: number; municipality_id: number; status: ProjectStatus }[]> {
	return db
		.selectFrom('project')
		.select(['project.id', 'project.municipality_id', 'project.status'])
		.where(projectVisibleTo(scope))
		.execute();
}

/** Partner municipalities of the projects the scope may see. */
export function findVisiblePartners(
	db: Db,
	scope: ProjectScope
): Promise<{ project_id: number; municipality_id: number }[]> {
	return db
		.selectFrom('project_partner')
		.innerJoin('project', 'project.id', 'project_partner.project_id')
		.select(['project_partner.project_id', 'project_partner.municipality_id'])
		.where(projectVisibleTo(scope))
		.execute();
}

/** Projects (any visibility) carrying a topic's tag. */
export function findTopicTagMatches(db: Db): Promise<{ topic_id: number; project_id: number }[]> {
	return db
		.selectFrom('overview_topic_tag')
		.innerJoin('project_tag', 'project_tag.tag_sort', 'overview_topic_tag.tag_sort')
		.select(['overview_topic_tag.topic_id', 'project_tag.project_id'])
		.execute();
}

/** Projects (any visibility) using one of a topic's products. */
export function findTopicProductMatches(
	db: Db
): Promise<{ topic_id: number; project_id: number }[]> {
	return db
		.selectFrom('overview_topic_product')
		.innerJoin('project_product', 'project_product.product_id', 'overview_topic_product.product_id')
		.select(['overview_topic_product.topic_id', 'project_product.project_id'])
		.execute();
}

/** Adoptions of a topic's products (the solutions register is public). */
export function findTopicAdoptions(
	db: Db
): Promise<
	{ topic_id: number; product_id: number; municipality_id: number; stage: AdoptionStage }[]
> {
	return db
		.selectFrom('overview_topic_product')
		.innerJoin('adoption', 'adoption.product_id', 'overview_topic_product.product_id')
		.innerJoin('product', 'product.id', 'adoption.product_id')
		.select([
			'overview_topic_product.topic_id',
			'adoption.product_id',
			'adoption.municipality_id',
			'adoption.stage'
		])
		.where('product.deleted_at', 'is', null)
		.execute();
}
