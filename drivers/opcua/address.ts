import { coerceNodeId, ExpandedNodeId, NodeIdType, type NodeId } from 'node-opcua';

/**
 * Tag addresses: "nsu=<namespace uri>;<i|s|g|b>=<id>" (stable, resolved against the server's NamespaceArray),
 * "ns=<index>;<i|s|g|b>=<id>" (taken as is) or "<i|s|g|b>=<id>" (namespace 0).
 */
export type ResolvedAddress = { readonly ok: true; readonly nodeId: NodeId } | { readonly ok: false; readonly reason: string };

// The uri ends at the first ';' (a namespace uri cannot hold one); a string id may.
const BY_URI = /^nsu=([^;]+);([isgb]=[\s\S]+)$/;
const BY_INDEX = /^ns=(\d+);([isgb]=[\s\S]+)$/;
const BARE = /^[isgb]=[\s\S]+$/;

export function resolveAddress(address: string, namespaceArray: readonly string[]): ResolvedAddress {
  const byUri = BY_URI.exec(address);
  if (byUri) {
    const index = namespaceArray.indexOf(byUri[1]!);
    if (index < 0) return { ok: false, reason: `the server has no namespace "${byUri[1]}"` };
    return parse(address, `ns=${index};${byUri[2]}`);
  }
  if (BY_INDEX.test(address) || BARE.test(address)) return parse(address, address);
  return { ok: false, reason: 'not an OPC UA node address (expected "nsu=<uri>;s=<id>" or "ns=<index>;s=<id>")' };
}

function parse(address: string, canonical: string): ResolvedAddress {
  try {
    return { ok: true, nodeId: coerceNodeId(canonical) };
  } catch {
    return { ok: false, reason: `"${address}" is not a valid node id` };
  }
}

/** The stable address of a node: "nsu=<namespace uri>;<i|s|g|b>=<id>" ("ns=<index>;…" if the server does not name the namespace). */
export function toAddress(nodeId: NodeId | ExpandedNodeId, namespaceArray: readonly string[]): string {
  const uri = (nodeId instanceof ExpandedNodeId ? nodeId.namespaceUri : null) ?? namespaceArray[nodeId.namespace];
  const id = identifier(nodeId);
  return uri ? `nsu=${uri};${id}` : `ns=${nodeId.namespace};${id}`;
}

function identifier(nodeId: NodeId): string {
  switch (nodeId.identifierType) {
    case NodeIdType.NUMERIC:
      return `i=${String(nodeId.value)}`;
    case NodeIdType.GUID:
      return `g=${String(nodeId.value)}`;
    case NodeIdType.BYTESTRING:
      return `b=${(nodeId.value as Buffer).toString('base64')}`;
    default:
      return `s=${String(nodeId.value)}`;
  }
}
