import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { BigPictureClient } from '../shared/client';

/** Box types for pickers: BigPicture's own list, named as the app names them. */
export async function getBoxTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await BigPictureClient.open(this);
	const types = await client.cargo({ method: 'GET', path: 'public/ppm/box/box-types' });
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
