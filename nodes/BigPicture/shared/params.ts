import {
	NodeOperationError,
	jsonParse,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import { normaliseBodyDates, toApiDate } from './dates';
import { toIndividualId } from './individuals';

/** The box id of a box resource locator (list, or typed id), trimmed; a clear error when empty. */
export function getBoxId(this: IExecuteFunctions, name: string, itemIndex: number): string {
	const boxId = String(
		this.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	if (!boxId) {
		throw new NodeOperationError(this.getNode(), 'No box given', {
			itemIndex,
			description: 'Pick a box from the list or type its ID (e.g. PROG-651)',
		});
	}
	return boxId;
}

/** BigPicture's individual id from the individual locator (Jira user, key, email or EXT_USER@… id). */
export function getIndividualId(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('individualId', itemIndex, '', { extractValue: true });
	try {
		return toIndividualId(value);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
}

/** A date parameter as `YYYY-MM-DD` (accepts ISO strings and n8n date values); undefined when empty. */
export function getDate(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	value: unknown = this.getNodeParameter(name, itemIndex, ''),
): string | undefined {
	try {
		return toApiDate(value, label);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
}

/** Like getDate, for a required date. */
export function getRequiredDate(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const date = getDate.call(this, name, label, itemIndex);
	if (!date) throw new NodeOperationError(this.getNode(), `${label} is required`, { itemIndex });
	return date;
}

/**
 * A JSON body parameter: a string is parsed, an object or array from an expression is taken as is; undefined when
 * empty (cleared field, blank string, or an expression giving null/undefined). Anything else (a number, a boolean,
 * a string that is JSON text for one) is refused: a body is an object or a list, and a scalar would be dropped or
 * sent as something the user did not mean.
 */
export function getJsonBody(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
	expected = 'a JSON object or array',
): IDataObject | IDataObject[] | undefined {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	if (raw === null || raw === undefined) return undefined;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		if (raw.trim() === '') return undefined;
		try {
			value = jsonParse(raw);
		} catch {
			throw new NodeOperationError(this.getNode(), `${label} is not valid JSON`, {
				itemIndex,
				description:
					'Check quotes, commas and brackets; the value must be a JSON object such as {"key": "value"}',
			});
		}
	}
	if (!value || typeof value !== 'object') {
		throw new NodeOperationError(
			this.getNode(),
			`${label} must be ${expected}, not ${value === null ? 'null' : `a ${typeof value}`}`,
			{ itemIndex, description: 'For example {"key": "value"}; leave it empty to send no body' },
		);
	}
	return value as IDataObject | IDataObject[];
}

/** A JSON body parameter that must be an object (empty is `{}` for every operation), its …Date fields normalised. */
export function getJsonObject(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): IDataObject {
	const value = getJsonBody.call(this, name, label, itemIndex, 'a JSON object') ?? {};
	if (Array.isArray(value)) {
		throw new NodeOperationError(this.getNode(), `${label} must be a JSON object`, {
			itemIndex,
			description:
				'A JSON array ([…]) is not accepted here: give one object such as {"key": "value"}',
		});
	}
	return normaliseBodyDates(value);
}

/**
 * A number from the node's Options (read once per run): 1 or more. An expression may give it as text ("10"); anything
 * that is not such a number (e.g. "ten", which would start no worker and end the run with no output) is an error.
 * Undefined when the option is not set.
 */
export function getRunOption(
	this: IExecuteFunctions,
	options: IDataObject,
	name: string,
	label: string,
): number | undefined {
	const raw = options[name];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : NaN;
	if (!Number.isFinite(value) || value < 1) {
		throw new NodeOperationError(
			this.getNode(),
			`${label} must be a number of 1 or more, not ${JSON.stringify(raw) ?? String(raw)}`,
			{ description: `Set Options > ${label} to a number, or an expression that gives one` },
		);
	}
	return value;
}

/** A cargo as node output: arrays become many items, scalars are wrapped. */
export function toOutput(cargo: unknown): IDataObject | IDataObject[] {
	if (Array.isArray(cargo)) {
		return cargo.map((entry) =>
			entry && typeof entry === 'object' ? (entry as IDataObject) : { value: entry as never },
		);
	}
	if (cargo && typeof cargo === 'object') return cargo as IDataObject;
	return { value: cargo as never };
}

/**
 * One output item: `fields` (what the item was about) with the answer's object merged in, its keys winning. An
 * answer that is not one object (a list, a bare value, nothing) is kept whole under `value`, never dropped.
 */
export function mergeCargo(fields: IDataObject, cargo: unknown): IDataObject {
	if (cargo && typeof cargo === 'object' && !Array.isArray(cargo))
		return { ...fields, ...(cargo as IDataObject) };
	return { ...fields, value: cargo as never };
}

/** Like getJsonObject, refusing `{}`: for bodies that replace something whole, where empty would clear it. */
export function getNonEmptyJsonObject(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): IDataObject {
	const value = getJsonObject.call(this, name, label, itemIndex);
	if (Object.keys(value).length === 0) {
		throw new NodeOperationError(this.getNode(), `${label} is empty`, {
			itemIndex,
			description:
				"An empty definition could clear the box's scope: read it with the matching Get operation, change it and send it back",
		});
	}
	return value;
}
