import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/descriptions';
import type { Operation } from '../types';
import * as call from './call';

export const operations: Record<string, Operation> = { call };

export const description: INodeProperties[] = [
	...operationSelector(
		'request',
		[
			{
				name: 'Send',
				value: 'call',
				action: 'Send a custom API call',
				description: 'Send any request to the BigPicture or Jira REST API with the same login',
			},
		],
		'call',
	),
	...call.description,
];
