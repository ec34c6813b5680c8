import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../shared/descriptions';
import type { Operation } from '../types';
import * as call from './call';

export const operations = { call } satisfies Record<string, Operation>;

export const description: INodeProperties[] = [
	...operationSelector<keyof typeof operations>(
		'request',
		{
			call: {
				name: 'Send',
				action: 'Send a custom API call',
				description: 'Send any request to the BigPicture or Jira REST API with the same login',
			},
		},
		'call',
	),
	...call.description,
];
