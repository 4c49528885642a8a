/** The solutions register: products, vendors and which municipality uses what (adoptions). */
export {
	createProduct,
	deleteProduct,
	listAdoptingMunicipalities,
	listProductOptions,
	listProducts,
	restoreProduct,
	updateProduct,
	type ProductOption,
	type ProductPage,
	type ProductSummary
} from './product.service';
export { adoptProduct, recordAdoption, removeAdoption } from './adoption.service';
export {
	getAdoptionForm,
	getProductPage,
	STAGE_ORDER,
	type AdoptionContact,
	type AdoptionForm,
	type AdoptionView,
	type ProductDetail
} from './product-page.service';
export {
	canAddProduct,
	canDeleteProduct,
	canEditProduct,
	canManageAdoption,
	canRestoreProduct,
	canSeeAdoptionDetails,
	canSeeDeletedProducts
} from './solutions.policy';
export {
	ADOPTION_LIMITS,
	ADOPTION_STAGES,
	AdoptionInputSchema,
	parseProductFilter,
	PRODUCT_CATEGORIES,
	PRODUCT_LIMITS,
	PRODUCT_PAGE_SIZE,
	PRODUCT_SORTS,
	ProductFilterSchema,
	ProductInputSchema,
	type AdoptionInput,
	type AdoptionStage,
	type ProductCategory,
	type ProductFilter,
	type ProductInput,
	type ProductSort,
	type ProductValues
} from './solutions.schema';
