import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { boxLocator } from '../../shared/descriptions';
import { getBoxId, getNonEmptyJsonObject, mergeCargo } from '../../shared/params';
import type { OperationResult } from '../types';

const show = { resource: ['scope'], operation: ['updateOwn'] };

export const description: INodeProperties[] = [
	boxLocator({ description: 'A box with its own scope', displayOptions: { show } }),
	{
		displayName: 'Scope Definition (JSON)',
		name: 'definition',
		type: 'json',
		default:
			'{\n  "extPlatformScopeDefinitions": [\n    {\n      "narrowingQuery": "",\n      "scopeDefinitionElements": [{ "type": "JIRA_PROJECT", "value": "DEMO" }],\n      "manuallyAddedTasks": []\n    }\n  ]\n}',
		required: true,
		description:
			'The whole new definition, in the shape "Get Own Scope Definition" returns: extPlatformScopeDefinitions[] with narrowingQuery (JQL), scopeDefinitionElements[] (type JIRA_FILTER, JIRA_PROJECT or JIRA_AGILE_BOARD, and value) and manuallyAddedTasks[] (key). The update body is not in the public documentation, so it is sent exactly as given: read the definition first and change it.',
		displayOptions: { show },
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const body = getNonEmptyJsonObject.call(this, 'definition', 'Scope Definition (JSON)', itemIndex);
	const boxId = getBoxId.call(this, 'boxId', itemIndex);
	const cargo = await client.apiRequest('updateOwnScope', { box: boxId, body }, itemIndex);
	return mergeCargo({ boxId }, cargo);
}
