import {
  AttributeIds,
  BrowseDirection,
  DataType,
  NodeClass,
  NodeIdType,
  StatusCodes,
  VariableIds,
  coerceNodeId,
  type BrowseDescriptionOptions,
  type ClientSession,
  type NodeId,
  type ReferenceDescription,
} from 'node-opcua';
import type { BrowseNode } from '../../core';
import { toAddress } from './address';

/** How much the server takes in one call (its OperationLimits; 0 there means "no limit", kept sane here). */
export interface SessionLimits {
  readonly maxNodesPerRead: number;
  readonly maxNodesPerBrowse: number;
  readonly maxMonitoredItemsPerCall: number;
}

const SANE = 1_000;
export const DEFAULT_LIMITS: SessionLimits = { maxNodesPerRead: SANE, maxNodesPerBrowse: SANE, maxMonitoredItemsPerCall: SANE };

const LIMIT_NODES = [
  VariableIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerRead,
  VariableIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerBrowse,
  VariableIds.Server_ServerCapabilities_OperationLimits_MaxMonitoredItemsPerCall,
];

export async function readLimits(session: ClientSession): Promise<SessionLimits> {
  const values = await session.read(LIMIT_NODES.map((id) => ({ nodeId: coerceNodeId(id), attributeId: AttributeIds.Value }))).catch(() => []);
  const pick = (i: number) => {
    const n = values[i]?.statusCode.isGood() ? Number(values[i]?.value.value) : 0;
    return n > 0 ? n : SANE;
  };
  return { maxNodesPerRead: pick(0), maxNodesPerBrowse: pick(1), maxMonitoredItemsPerCall: pick(2) };
}

const children = (nodeId: NodeId, resultMask: number): BrowseDescriptionOptions => ({
  nodeId,
  browseDirection: BrowseDirection.Forward,
  referenceTypeId: 'HierarchicalReferences',
  includeSubtypes: true,
  nodeClassMask: NodeClass.Object | NodeClass.Variable,
  resultMask,
});

/** Thrown as a plain reason; the driver turns it into its coded error. */
export class BrowseRefused extends Error {}

/** The folders (objects) and tags (variables) below a node, each with the address to subscribe to or browse next. */
export async function browseChildren(session: ClientSession, nodeId: NodeId, namespaceArray: readonly string[], limits: SessionLimits): Promise<BrowseNode[]> {
  const first = await session.browse(children(nodeId, 0x3f));
  if (first.statusCode.isNotGood()) throw new BrowseRefused(first.statusCode.name);
  const references = [...(first.references ?? [])];
  let continuation = first.continuationPoint;
  while (continuation && continuation.length > 0) {
    const [next] = await session.browseNext([continuation], false);
    if (!next || next.statusCode.isNotGood()) break;
    references.push(...(next.references ?? []));
    continuation = next.continuationPoint;
  }
  const variables = references.filter((r) => r.nodeClass === NodeClass.Variable);
  const [dataTypes, hasChildren] = await Promise.all([
    dataTypeNames(session, variables.map((r) => toNodeId(r)), limits),
    anyChildren(session, references.map((r) => toNodeId(r)), limits),
  ]);
  let v = 0;
  return references.map((ref, i) => {
    const tag = ref.nodeClass === NodeClass.Variable;
    const node: BrowseNode = {
      address: toAddress(ref.nodeId, namespaceArray),
      name: ref.browseName.name ?? ref.displayName.text ?? '',
      kind: tag ? 'tag' : 'folder',
      hasChildren: hasChildren[i] ?? true,
    };
    return tag ? { ...node, dataType: dataTypes[v++] ?? 'Unknown' } : node;
  });
}

/** True for the nodes whose values are numbers (built-in numeric types and their abstract parents). */
export async function numericNodes(session: ClientSession, nodeIds: readonly NodeId[], limits: SessionLimits): Promise<boolean[]> {
  const types = await readAttribute(session, nodeIds, AttributeIds.DataType, limits);
  return types.map((t) => {
    const id = t as NodeId | null;
    return !!id && id.namespace === 0 && id.identifierType === NodeIdType.NUMERIC && NUMERIC_TYPES.has(id.value as number);
  });
}

// SByte … Double, Number, Integer, UInteger, Duration.
const NUMERIC_TYPES = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 26, 27, 28, 290]);

const toNodeId = (ref: ReferenceDescription): NodeId => ref.nodeId;

async function dataTypeNames(session: ClientSession, nodeIds: readonly NodeId[], limits: SessionLimits): Promise<string[]> {
  const ids = (await readAttribute(session, nodeIds, AttributeIds.DataType, limits)) as (NodeId | null)[];
  const builtIn = (id: NodeId | null): string | undefined =>
    id && id.namespace === 0 && id.identifierType === NodeIdType.NUMERIC && (id.value as number) <= 25 ? DataType[id.value as number] : undefined;
  // Other types (Duration, UtcTime, a vendor's structure…) are named by their browse name.
  const others = [...new Map(ids.filter((id): id is NodeId => !!id && !builtIn(id)).map((id) => [id.toString(), id])).values()];
  const names = await readAttribute(session, others, AttributeIds.BrowseName, limits);
  const byId = new Map(others.map((id, i) => [id.toString(), (names[i] as { name?: string } | null)?.name ?? id.toString()]));
  return ids.map((id) => builtIn(id) ?? (id ? (byId.get(id.toString()) ?? 'Unknown') : 'Unknown'));
}

/** Does each node have children worth expanding? Browsed in server-sized batches; unknown counts as yes. */
async function anyChildren(session: ClientSession, nodeIds: readonly NodeId[], limits: SessionLimits): Promise<boolean[]> {
  const result: boolean[] = [];
  for (let i = 0; i < nodeIds.length; i += limits.maxNodesPerBrowse) {
    const batch = await session.browse(nodeIds.slice(i, i + limits.maxNodesPerBrowse).map((id) => children(id, 0)));
    const held = batch.flatMap((r) => (r.continuationPoint && r.continuationPoint.length > 0 ? [r.continuationPoint] : []));
    if (held.length > 0) await session.browseNext(held, true).catch(() => undefined); // give the server its continuation points back
    for (const r of batch) result.push(r.statusCode.equals(StatusCodes.Good) ? (r.references?.length ?? 0) > 0 || (r.continuationPoint?.length ?? 0) > 0 : true);
  }
  return result;
}

async function readAttribute(session: ClientSession, nodeIds: readonly NodeId[], attributeId: AttributeIds, limits: SessionLimits): Promise<unknown[]> {
  const values: unknown[] = [];
  for (let i = 0; i < nodeIds.length; i += limits.maxNodesPerRead) {
    const batch = await session.read(nodeIds.slice(i, i + limits.maxNodesPerRead).map((nodeId) => ({ nodeId, attributeId })));
    for (const dv of batch) values.push(dv.statusCode.isGood() ? (dv.value.value as unknown) : null);
  }
  return values;
}
