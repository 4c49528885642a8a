/** Reads the product form (new and edit) into the use case's input. */
import type { ProductInput } from '$lib/server/solutions';
import { formText } from '$lib/server/web/form-data';

export interface ProductFormValues {
	name: string;
	vendorName: string;
	category: string;
	website: string;
	isOpenSource: boolean;
	licence: string;
	operator: string;
	descriptionMd: string;
}

export function productFormValues(form: FormData): ProductFormValues {
	return {
		name: formText(form, 'name', 500),
		vendorName: formText(form, 'vendorName', 500),
		category: formText(form, 'category', 100),
		website: formText(form, 'website', 1000),
		isOpenSource: form.get('isOpenSource') === 'on',
		licence: formText(form, 'licence', 500),
		operator: formText(form, 'operator', 500),
		descriptionMd: formText(form, 'descriptionMd', 20_001)
	};
}

/** The form's values as the use case takes them (the schema checks the category). */
export function productInput(values: ProductFormValues): ProductInput {
	return { ...values, category: values.category as ProductInput['category'] };
}

/** The product id of a route parameter; anything but a positive integer is not found. */
export function productIdOf(param: string): number | null {
	if (!/^[1-9]\d{0,9}$/.test(param)) return null;
	const id = Number(param);
	return id <= 2_147_483_647 ? id : null;
}
