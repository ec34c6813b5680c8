import type { INodeProperties } from 'n8n-workflow';

/** The start date that identifies an existing absence (Update and Delete): BigPicture keys absences by it. */
export function absenceStartDate(show: Record<string, string[]>, verb: string): INodeProperties {
	return {
		displayName: 'Absence Start Date',
		name: 'absenceStartDate',
		type: 'dateTime',
		default: '',
		required: true,
		description: `Start date of the absence to ${verb}: BigPicture identifies an absence by its start date`,
		displayOptions: { show },
	};
}

/** Absence fields shared by Create and Update (names confirmed by the vendor's "Add new absence" reference). */
export function absenceFields(forUpdate: boolean): INodeProperties[] {
	return [
		{
			displayName: 'Absence Type Name or ID',
			name: 'absenceType',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getAbsenceTypes' },
			default: '',
			description:
				'Kind of absence. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Comment',
			name: 'comment',
			type: 'string',
			default: '',
			description: 'Free text, at most 449 characters',
		},
		...(forUpdate
			? [
					{
						displayName: 'End Date',
						name: 'endDate',
						type: 'dateTime',
						default: '',
						description: 'New last day of the absence',
					} as INodeProperties,
				]
			: []),
		{
			displayName: 'Unavailability',
			name: 'percentageUnavailability',
			type: 'options',
			default: 100,
			options: [
				{ name: 'Full Day (100%)', value: 100 },
				{ name: 'Half Day (50%)', value: 50 },
			],
			description: 'Whether the person is away all day or half of each day',
		},
		...(forUpdate
			? [
					{
						displayName: 'Start Date',
						name: 'startDate',
						type: 'dateTime',
						default: '',
						description: 'New first day of the absence',
					} as INodeProperties,
				]
			: []),
	];
}
