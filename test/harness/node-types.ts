/**
 * The harness's `INodeTypes` (n8n-workflow): the node types a workflow may use.
 *
 * n8n names a community node type `<package name>.<description.name>` (for example
 * `n8n-nodes-bigpicture.bigPicture`); that is the name to put in `INode.type`. For convenience the
 * bare `description.name` is accepted too when it is unambiguous.
 */
import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

export class HarnessNodeTypes implements INodeTypes {
	private readonly byName = new Map<string, INodeType | IVersionedNodeType>();

	private readonly byShortName = new Map<string, string[]>();

	/** Registers a node type under `<packageName>.<description.name>`; returns that full name. */
	register(type: INodeType | IVersionedNodeType, packageName: string): string {
		const shortName = type.description.name;
		const fullName = `${packageName}.${shortName}`;
		this.byName.set(fullName, type);
		const names = this.byShortName.get(shortName) ?? [];
		if (!names.includes(fullName)) names.push(fullName);
		this.byShortName.set(shortName, names);
		return fullName;
	}

	/** The full name (`package.name`) for a full or unambiguous short name, or undefined. */
	resolveName(name: string): string | undefined {
		if (this.byName.has(name)) return name;
		const candidates = this.byShortName.get(name);
		return candidates?.length === 1 ? candidates[0] : undefined;
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const fullName = this.resolveName(nodeType);
		const type = fullName === undefined ? undefined : this.byName.get(fullName);
		if (!type) {
			throw new UnexpectedError(`Unknown node type "${nodeType}"`, {
				extra: { known: [...this.byName.keys()] },
			});
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		const known: IDataObject = {};
		for (const name of this.byName.keys()) known[name] = { className: name, sourcePath: '' };
		return known;
	}

	/** All registered node types with their full names. */
	entries(): Array<[string, INodeType | IVersionedNodeType]> {
		return [...this.byName.entries()];
	}
}
