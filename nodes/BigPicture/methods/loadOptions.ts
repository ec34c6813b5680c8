import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { BigPictureClient } from '../shared/client';
import { ENDPOINTS } from '../shared/endpoints';

/** Box types for pickers: BigPicture's own list, named as the app names them. */
export async function getBoxTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await BigPictureClient.open(this);
	const types = await client.cargo({ method: 'GET', path: ENDPOINTS.boxTypes.path });
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
 * Absence types. BigPicture's Data Center API has no endpoint listing them; HOLIDAY is the vendor's example value,
 * the others are the types the app offers in its absence dialog (not confirmed as API values by public docs).
 */
export const ABSENCE_TYPES: INodePropertyOptions[] = [
	{ name: 'Holiday', value: 'HOLIDAY', description: 'Vacation' },
	{ name: 'Leave at Request', value: 'LEAVE_AT_REQUEST', description: 'Unpaid or on-demand leave' },
	{ name: 'Maternity Leave', value: 'MATERNITY_LEAVE' },
	{ name: 'Other', value: 'OTHER' },
	{ name: 'Sick Leave', value: 'SICK_LEAVE' },
];

export async function getAbsenceTypes(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	return ABSENCE_TYPES.map((option) => ({ ...option }));
}
