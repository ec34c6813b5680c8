import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as absence from './actions/absence';
import * as box from './actions/box';
import * as request from './actions/request';
import * as scope from './actions/scope';
import * as skill from './actions/skill';
import * as task from './actions/task';
import * as team from './actions/team';
import { resourceOptions, router } from './actions/router';
import { appProperty, authenticationProperty, forWay } from './shared/descriptions';
import { searchBoxes, searchUsers } from './methods/listSearch';
import { getAbsenceTypes, getBoxTypes } from './methods/loadOptions';

export class BigPicture implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'BigPicture',
		name: 'bigPicture',
		icon: { light: 'file:bigpicture.svg', dark: 'file:bigpicture.dark.svg' },
		group: ['transform'],
		version: 1,
		// n8n's "operation: resource" (e.g. "get: box"); the Custom API Call's values ("call", "request") would read
		// "call: request", so it reads as what the user picked.
		subtitle:
			'={{$parameter["resource"] === "request" ? "send: custom API call" : $parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read and change BigPicture (Jira Data Center) boxes, scopes, resources and tasks',
		defaults: { name: 'BigPicture' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'bigPictureApi', required: true, displayOptions: forWay('jiraLogin') },
			{ name: 'bigPictureTokenApi', required: true, displayOptions: forWay('apiToken') },
			{ name: 'bigPictureCloudApi', required: true, displayOptions: forWay('cloud') },
		],
		properties: [
			authenticationProperty,
			appProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resourceOptions,
				default: 'box',
			},
			...absence.description,
			...box.description,
			...request.description,
			...scope.description,
			...skill.description,
			...task.description,
			...team.description,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Concurrency',
						name: 'concurrency',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 50 },
						default: 1,
						description:
							'How many items to send at once. Output order and item pairing stay as the input; the login is still shared.',
					},
					{
						displayName: 'Timeout',
						name: 'timeout',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 30,
						description: 'Seconds to wait for each answer from Jira before giving up',
					},
				],
			},
		],
	};

	methods = {
		listSearch: { searchBoxes, searchUsers },
		loadOptions: { getAbsenceTypes, getBoxTypes },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
