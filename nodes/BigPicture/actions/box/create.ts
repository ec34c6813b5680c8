import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { BigPictureClient } from '../../shared/client';
import { boxLocator } from '../../shared/descriptions';
import { getBoxId, getJsonObject, getRequiredDate, mergeCargo } from '../../shared/params';
import type { OperationResult } from '../types';

const show = { resource: ['box'], operation: ['create'] };

/** The icon colours the vendor's "Create box" reference lists. */
export const ICON_COLORS = [
	'BLACK',
	'BLUE',
	'BRIGHT_PINK',
	'BROWN',
	'BURGUNDY',
	'CHARCOAL',
	'CHEETO_ORANGE',
	'CYAN',
	'DARK_GRAY',
	'GRAY',
	'GREEN',
	'LIGHT_BLUE',
	'LIGHT_BROWN',
	'LIGHT_CYAN',
	'LIME_GREEN',
	'MEDIUM_GRAY',
	'MID_GREEN',
	'NAVY',
	'POPPY_SURPRISE',
	'PURPLE',
	'RED',
	'SLATE',
	'VIOLET',
	'WHITE',
	'YELLOW',
];

const colorName = (value: string) =>
	value
		.toLowerCase()
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');

export const description: INodeProperties[] = [
	boxLocator({
		displayName: 'Parent Box',
		name: 'parentBoxId',
		description: 'The box the new box goes under (ROOT for the top level)',
		displayOptions: { show },
	}),
	{
		displayName: 'Box Type Name or ID',
		name: 'boxTypeId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getBoxTypes' },
		default: '',
		required: true,
		description:
			'The type of the new box; it must be allowed under the parent\'s type. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show },
	},
	{
		displayName: 'Name',
		name: 'boxName',
		type: 'string',
		default: '',
		required: true,
		description: 'Name of the new box',
		displayOptions: { show },
	},
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			'First day of the box (only the date is used). ISO strings and n8n date values are accepted.',
		displayOptions: { show },
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: 'Last day of the box (only the date is used), not before the start date',
		displayOptions: { show },
	},
	{
		displayName: 'Icon',
		name: 'icon',
		type: 'string',
		default: 'briefcase',
		required: true,
		placeholder: 'e.g. briefcase',
		description:
			'A Font Awesome icon name without the "fa-" prefix, e.g. briefcase, rocket, flag. A full value such as font-awesome-rocket@RED is used as is.',
		displayOptions: { show },
	},
	{
		displayName: 'Icon Color',
		name: 'iconColor',
		type: 'options',
		default: 'BLUE',
		options: ICON_COLORS.map((value) => ({ name: colorName(value), value })),
		description: 'Colour of the icon, from the list BigPicture supports',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Body Fields (JSON)',
		name: 'additionalBody',
		type: 'json',
		default: '{}',
		description:
			'Extra fields merged into the request body, e.g. {"boxDescription": "…"}; they override the fields above. The public documentation lists the body fields but not their exact names: the node sends parentBoxId, boxTypeId, boxName, boxStartDate, boxEndDate and boxIcon. If your BigPicture expects other names, send them here.',
		displayOptions: { show },
	},
];

/** `rocket` + `RED` → `font-awesome-rocket@RED`; an already complete value passes through. */
export function boxIcon(icon: string, color: string): string {
	const trimmed = icon.trim();
	if (/^font-awesome-[\w-]+@[A-Z_]+$/.test(trimmed)) return trimmed;
	const name = trimmed.replace(/^(font-awesome-|fa-)/, '');
	return `font-awesome-${name}@${color}`;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: BigPictureClient,
): Promise<OperationResult> {
	const parentBoxId = getBoxId.call(this, 'parentBoxId', itemIndex);
	const body: IDataObject = {
		parentBoxId,
		boxTypeId: String(this.getNodeParameter('boxTypeId', itemIndex, '')),
		boxName: (this.getNodeParameter('boxName', itemIndex, '') as string).trim(),
		boxStartDate: getRequiredDate.call(this, 'startDate', 'Start Date', itemIndex),
		boxEndDate: getRequiredDate.call(this, 'endDate', 'End Date', itemIndex),
		boxIcon: boxIcon(
			this.getNodeParameter('icon', itemIndex, '') as string,
			this.getNodeParameter('iconColor', itemIndex, 'BLUE') as string,
		),
		...getJsonObject.call(this, 'additionalBody', 'Additional Body Fields (JSON)', itemIndex),
	};
	const cargo = await client.apiRequest(
		'createBox',
		{
			body,
			notFound: `Parent box "${parentBoxId}" does not exist`,
		},
		itemIndex,
	);
	const created = mergeCargo({}, cargo);
	return { ...created, boxId: created.createdBoxId ?? created.boxId, parentBoxId };
}
