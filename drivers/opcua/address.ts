import { coerceNodeId, type NodeId } from 'node-opcua';

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
