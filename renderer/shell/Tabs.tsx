import type { KeyboardEvent } from 'react';

export interface TabSpec<T extends string> {
  readonly id: T;
  readonly label: string;
  readonly shortcut: string;
}

/** WAI-ARIA tabs: Tab reaches the active tab, arrows move between tabs, Home/End jump. */
export function Tabs<T extends string>({
  tabs,
  active,
  onSelect,
  label = 'Screens',
}: {
  tabs: readonly TabSpec<T>[];
  active: T;
  onSelect: (id: T) => void;
  label?: string;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.id === active);
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    const tab = tabs[next];
    if (!tab) return;
    event.preventDefault();
    onSelect(tab.id);
    document.getElementById(`tab-${tab.id}`)?.focus();
  };

  return (
    <div role="tablist" aria-label={label} className="tabs" onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          id={`tab-${tab.id}`}
          type="button"
          role="tab"
          data-testid={`tab-${tab.id}`}
          aria-selected={tab.id === active}
          aria-controls={`panel-${tab.id}`}
          aria-keyshortcuts={tab.shortcut || undefined}
          tabIndex={tab.id === active ? 0 : -1}
          className="tab"
          onClick={() => onSelect(tab.id)}
        >
          {tab.label} {tab.shortcut && <kbd>{tab.shortcut}</kbd>}
        </button>
      ))}
    </div>
  );
}
