import { useEffect, useState } from 'react';
import { LineScreen } from '../mimic/LineScreen';
import { OrdersScreen } from '../orders/OrdersScreen';
import { Header } from './Header';
import { Tabs, type TabSpec } from './Tabs';

type Screen = 'line' | 'orders';

const TABS: readonly TabSpec<Screen>[] = [
  { id: 'line', label: 'Line', shortcut: 'Alt+1' },
  { id: 'orders', label: 'Orders', shortcut: 'Alt+2' },
];

// The screen is kept in the URL hash so a reload (or a bookmark) opens the same screen.
const fromHash = (): Screen => (window.location.hash === '#orders' ? 'orders' : 'line');

export function Shell({ onSignOut }: { onSignOut: () => void }) {
  const [screen, setScreen] = useState<Screen>(fromHash);

  const select = (next: Screen) => {
    setScreen(next);
    if (window.location.hash !== `#${next}`) window.history.replaceState(null, '', `#${next}`);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const index = ['Digit1', 'Digit2'].indexOf(event.code);
      const tab = TABS[index];
      if (!tab) return;
      event.preventDefault();
      select(tab.id);
      document.getElementById(`tab-${tab.id}`)?.focus();
    };
    const onHash = () => setScreen(fromHash());
    window.addEventListener('keydown', onKey);
    window.addEventListener('hashchange', onHash);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('hashchange', onHash);
    };
  }, []);

  return (
    <div className="app">
      <Header onSignOut={onSignOut} />
      <nav className="nav">
        <Tabs tabs={TABS} active={screen} onSelect={select} />
      </nav>
      <main id={`panel-${screen}`} role="tabpanel" aria-labelledby={`tab-${screen}`} className="screen">
        {screen === 'line' ? <LineScreen /> : <OrdersScreen />}
      </main>
    </div>
  );
}
