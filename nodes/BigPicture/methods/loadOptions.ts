import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { BigPictureClient } from '../shared/client';

/** Box types for pickers: BigPicture's own list, named as the app names them. */
export async function getBoxTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await BigPictureClient.open(this);
	const types = await client.apiRequest('boxTypes');
	if (!Array.isArray(types)) return [];
	return types
		.map((type: Record<string, unknown>) => {
			const value = String(type.boxTypeId ?? type.id ?? '');
			const name = String(type.boxTypeName ?? type.name ?? value);
			return { name, value };
		})
		.filter((option) => option.value !== '')
		.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Absence types. BigPicture's Data Center API has no endpoint listing them. The vendor's "Add new absence" reference
 * declares `absenceType` an enum, but its allowed values are not in the public text; HOLIDAY is its example value.
 * The names are the five types the app offers (Holiday, Leave at request, Maternity leave, Sick leave, "Other
 * reason" in the current docs, "Other" in older ones); their API constants other than HOLIDAY are not confirmed,
 * so the field also takes any value from an expression.
 */
const UNCONFIRMED = 'API constant not confirmed by public documentation';

export const ABSENCE_TYPES: INodePropertyOptions[] = [
	{ name: 'Holiday', value: 'HOLIDAY', description: 'Vacation (the value the vendor documents)' },
	{
		name: 'Leave at Request',
		value: 'LEAVE_AT_REQUEST',
		description: `On-demand leave; ${UNCONFIRMED}`,
	},
	{ name: 'Maternity Leave', value: 'MATERNITY_LEAVE', description: UNCONFIRMED },
	{ name: 'Other Reason', value: 'OTHER', description: UNCONFIRMED },
	{ name: 'Sick Leave', value: 'SICK_LEAVE', description: UNCONFIRMED },
];

export async function getAbsenceTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return ABSENCE_TYPES.map((option) => ({ ...option }));
}
