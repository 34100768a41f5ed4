import { useCallback, useEffect, useState } from 'react';
import type { BrowseNodeView } from '../../core';
import { useClient } from '../shell/context';

export type Children =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly nodes: readonly BrowseNodeView[] }
  | { readonly status: 'error'; readonly message: string };

export interface VisibleRow {
  readonly node: BrowseNodeView;
  readonly level: number;
  /** The parent's address; '' at the root. */
  readonly parent: string;
  /** What is under it when expanded: loading or a refusal (shown as a row of its own). */
  readonly below: Children | null;
}

/** A lazily read address space: children are browsed the first time a node is expanded, then kept. */
export function useBrowse(connection: string) {
  const client = useClient();
  const [children, setChildren] = useState<ReadonlyMap<string, Children>>(new Map());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  const load = useCallback(
    async (address: string) => {
      setChildren((m) => new Map(m).set(address, { status: 'loading' }));
      const result = await client.call('browse', { id: connection, ...(address ? { address } : {}) });
      const next: Children = result.ok ? { status: 'ok', nodes: result.value } : { status: 'error', message: result.error.message };
      setChildren((m) => new Map(m).set(address, next));
    },
    [client, connection],
  );

  useEffect(() => {
    void load('');
  }, [load]);

  const expand = (address: string) => {
    setExpanded((s) => new Set(s).add(address));
    const known = children.get(address);
    if (!known || known.status === 'error') void load(address);
  };
  const collapse = (address: string) =>
    setExpanded((s) => {
      const next = new Set(s);
      next.delete(address);
      return next;
    });

  const rows: VisibleRow[] = [];
  const walk = (parent: string, level: number) => {
    const c = children.get(parent);
    if (c?.status !== 'ok') return;
    for (const node of c.nodes) {
      const open = node.hasChildren && expanded.has(node.address);
      const below = open ? (children.get(node.address) ?? { status: 'loading' }) : null;
      rows.push({ node, level, parent, below: below?.status === 'ok' ? null : below });
      if (open) walk(node.address, level + 1);
    }
  };
  walk('', 1);

  return { root: children.get('') ?? { status: 'loading' as const }, rows, expanded, expand, collapse, reload: () => void load('') };
}
