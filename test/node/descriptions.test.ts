/**
 * The node's UI tells a user, before running it, which operations call an endpoint whose path public documentation
 * does not confirm, and which BigPicture version each needs: both derived from the endpoint table.
 */
import { describe, expect, test } from '@jest/globals';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { BigPicture } from '../../nodes/BigPicture/BigPicture.node';
import { ENDPOINTS, type EndpointName } from '../../nodes/BigPicture/shared/endpoints';

const properties = new BigPicture().description.properties;
const notices = properties.filter((p) => p.type === 'notice');
const selectors = properties.filter((p) => p.name === 'operation');
const shownFor = (p: INodeProperties) => ({
	resource: p.displayOptions?.show?.resource?.[0],
	operation: p.displayOptions?.show?.operation?.[0],
});
// With the full stop that ends it in the notice, so "POST …/box/box" does not match "POST …/box/box/{boxId}/duplicate".
const endpointText = (name: EndpointName) => `${ENDPOINTS[name].method} ${ENDPOINTS[name].path}.`;

describe('unconfirmed endpoint paths are visible in the UI', () => {
	const names = Object.keys(ENDPOINTS) as EndpointName[];

	test('every unconfirmed endpoint has a notice under the operations that call it, naming its path', () => {
		for (const name of names.filter((n) => !ENDPOINTS[n].confirmed)) {
			const matching = notices.filter((n) => n.displayName.includes(endpointText(name)));
			if (matching.length === 0) throw new Error(`No notice names ${endpointText(name)}`);
			for (const notice of matching) {
				const { resource, operation } = shownFor(notice);
				const selector = selectors.find((s) => shownFor(s).resource === resource)!;
				const option = (selector.options as INodePropertyOptions[]).find(
					(o) => o.value === operation,
				)!;
				expect(option.description).toMatch(/path not confirmed by public documentation/i);
				expect(notice.displayName).toMatch(/Custom API Call/);
			}
		}
	});

	test('no notice and no warning for operations whose endpoint is confirmed', () => {
		for (const name of names.filter((n) => ENDPOINTS[n].confirmed)) {
			expect(notices.filter((n) => n.displayName.includes(endpointText(name)))).toEqual([]);
		}
		const warned = selectors.flatMap((s) =>
			(s.options as INodePropertyOptions[])
				.filter((o) => /not confirmed/i.test(o.description ?? ''))
				.map((o) => `${shownFor(s).resource}.${o.value}`),
		);
		expect(warned.sort()).toEqual(
			notices.map((n) => `${shownFor(n).resource}.${shownFor(n).operation}`).sort(),
		);
	});

	test('each operation description names the minimum version from the table', () => {
		const box = selectors.find((s) => shownFor(s).resource === 'box')!;
		const describe = (value: string) =>
			(box.options as INodePropertyOptions[]).find((o) => o.value === value)!.description;
		expect(describe('delete')).toContain(`BigPicture ${ENDPOINTS.deleteBox.minVersion}+`);
		expect(describe('getTypes')).toContain(`BigPicture ${ENDPOINTS.boxTypes.minVersion}+`);
	});
});
