import type { TagRef } from '../../core';

/** An address without its OPC UA namespace prefix: "nsu=urn:…;s=L1.WC10.State" → "L1.WC10.State". The full one goes in a tooltip. */
export function shortAddress(address: string): string {
  return address.replace(/^(nsu=[^;]*|ns=\d+);/, '').replace(/^s=/, '');
}

/** "line-plc: L1.WC10.State" */
export const shortTag = (t: TagRef): string => `${t.connection}: ${shortAddress(t.address)}`;
export const fullTag = (t: TagRef): string => `${t.connection}: ${t.address}`;
