import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

export function skillIdField(show: Record<string, string[]>, description: string): INodeProperties {
	return {
		displayName: 'Skill ID',
		name: 'skillId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1',
		description: `${description}. Skill IDs are shown by "Get Skills" and in BigPicture under Administration > Resources > Skills.`,
		displayOptions: { show },
	};
}

export function skillBody(show: Record<string, string[]>, example: string): INodeProperties {
	return {
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: example,
		description:
			'The skill assignment as JSON, e.g. {"startDate": "2025-01-01", "endDate": null, "allocation": 100}. The public documentation names the skills endpoints but not their fields, so the body is sent as given (…Date fields are normalised to YYYY-MM-DD).',
		displayOptions: { show },
	};
}

/** The skill id of the item, trimmed; a clear error when empty (nothing is sent). */
export function getSkillId(this: IExecuteFunctions, itemIndex: number): string {
	const skillId = String(this.getNodeParameter('skillId', itemIndex, '') ?? '').trim();
	if (!skillId) {
		throw new NodeOperationError(this.getNode(), 'No skill given', {
			itemIndex,
			description:
				'Enter the ID of the skill (e.g. 1). Skill IDs are shown by "Get Skills" and in BigPicture under Administration > Resources > Skills.',
		});
	}
	return skillId;
}

/** What a JSON 404 of a call about one skill of one individual means. */
export function skillNotFound(individualId: string, skillId: string): string {
	return `Individual "${individualId}" does not exist or does not have skill "${skillId}"`;
}
