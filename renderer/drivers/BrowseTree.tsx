import { useState, type KeyboardEvent } from 'react';
import type { BrowseNodeView } from '../../core';
import { useBrowse } from './useBrowse';

export interface BrowseTreeProps {
  readonly connection: string;
  /** The tag under the keyboard focus (or clicked): what "Use picked tag" takes. */
  readonly onPick: (node: BrowseNodeView) => void;
  /** Enter or double-click on a tag. */
  readonly onActivate: (node: BrowseNodeView) => void;
  readonly activateLabel: string;
}

/**
 * The connection's address space as a WAI-ARIA tree: ↑/↓ move, → opens (or goes to the first child), ← closes
 * (or goes to the parent), Home/End, Enter on a tag = activate. Each node: data-testid="browse-node-<address>", data-address.
 */
export function BrowseTree({ connection, onPick, onActivate, activateLabel }: BrowseTreeProps) {
  const { root, rows, expanded, expand, collapse, reload } = useBrowse(connection);
  const [focused, setFocused] = useState<string | null>(null);
  const index = Math.max(
    0,
    rows.findIndex((r) => r.node.address === focused),
  );

  const focus = (i: number, tree: HTMLElement) => {
    const row = rows[i];
    if (!row) return;
    setFocused(row.node.address);
    if (row.node.kind === 'tag') onPick(row.node);
    tree.querySelector<HTMLElement>(`[data-row="${i}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const row = rows[index];
    if (!row) return;
    const tree = event.currentTarget;
    const open = expanded.has(row.node.address);
    const keys: Record<string, () => void> = {
      ArrowDown: () => focus(index + 1, tree),
      ArrowUp: () => focus(index - 1, tree),
      Home: () => focus(0, tree),
      End: () => focus(rows.length - 1, tree),
      ArrowRight: () => (row.node.hasChildren ? (open ? focus(index + 1, tree) : expand(row.node.address)) : undefined),
      ArrowLeft: () =>
        open
          ? collapse(row.node.address)
          : focus(
              rows.findIndex((r) => r.node.address === row.parent),
              tree,
            ),
      Enter: () => (row.node.kind === 'tag' ? onActivate(row.node) : open ? collapse(row.node.address) : expand(row.node.address)),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  if (root.status === 'loading')
    return (
      <p className="muted" role="status">
        Browsing {connection}…
      </p>
    );
  if (root.status === 'error') {
    return (
      <div className="message message-error" role="alert" data-testid="browse-error">
        The address space of {connection} cannot be browsed: {root.message}{' '}
        <button type="button" className="button" onClick={reload}>
          Try again
        </button>
      </div>
    );
  }
  if (rows.length === 0)
    return <p className="empty">{connection} shows no tags yet. Check that it is connected (see its health above), then reopen this tab.</p>;

  return (
    <ul className="tree" role="tree" aria-label={`Address space of ${connection}`} data-testid="browse-tree" onKeyDown={onKeyDown}>
      {rows.map((row, i) => {
        const { node } = row;
        const open = expanded.has(node.address);
        return (
          <li key={`${row.parent}>${node.address}`} role="none">
            <div
              role="treeitem"
              data-row={i}
              data-testid={`browse-node-${node.address}`}
              data-address={node.address}
              data-kind={node.kind}
              aria-level={row.level}
              aria-expanded={node.hasChildren ? open : undefined}
              aria-selected={i === index}
              tabIndex={i === index ? 0 : -1}
              className={`tree-item${i === index ? ' selected' : ''}`}
              style={{ paddingLeft: `${(row.level - 1) * 20 + 6}px` }}
              onClick={(e) => {
                focus(i, e.currentTarget.closest('ul') as HTMLElement);
                if (node.hasChildren) (open ? collapse : expand)(node.address);
              }}
              onDoubleClick={() => node.kind === 'tag' && onActivate(node)}
            >
              <span className="tree-toggle" aria-hidden="true">
                {node.hasChildren ? (open ? '▾' : '▸') : ''}
              </span>
              <span className={node.kind === 'folder' ? 'tree-folder' : 'tree-tag'}>{node.name}</span>
              {node.dataType && <span className="muted small"> {node.dataType}</span>}
              {node.kind === 'tag' && i === index && (
                <button
                  type="button"
                  tabIndex={-1}
                  className="button button-small"
                  onClick={(e) => {
                    e.stopPropagation();
                    onActivate(node);
                  }}
                >
                  {activateLabel}
                </button>
              )}
            </div>
            {row.below?.status === 'loading' && (
              <div className="tree-note muted" style={{ paddingLeft: `${row.level * 20 + 26}px` }}>
                Reading…
              </div>
            )}
            {row.below?.status === 'error' && (
              <div className="tree-note" role="alert" style={{ paddingLeft: `${row.level * 20 + 26}px` }}>
                Cannot browse: {row.below.message}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
