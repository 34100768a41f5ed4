import { lazy, Suspense, useEffect, useState } from 'react';
import { AlarmBanner } from '../alarms/AlarmBanner';
import { AlarmsProvider } from '../alarms/AlarmsContext';
import { AlarmsScreen } from '../alarms/AlarmsScreen';
import { AuditScreen } from '../audit/AuditScreen';
import { ChangesScreen } from '../changes/ChangesScreen';
import { SigningProvider } from '../audit/SigningProvider';
// renderer/drivers is the Connections screen (STYLE.md's screen list), not the drivers/ layer the lint pattern guards.
import { DriversScreen } from '../drivers/DriversScreen';
import { LineSetupScreen } from '../line-setup/LineSetupScreen';
import { LineScreen } from '../mimic/LineScreen';
import { OrdersScreen } from '../orders/OrdersScreen';
import { SupplyScreen } from '../supply/SupplyScreen';
import { TerminalScreen } from '../terminal/TerminalScreen';
import { UsersScreen } from '../users/UsersScreen';
import { Header } from './Header';
import { Tabs, type TabSpec } from './Tabs';
import './common.css';

// ECharts is the heaviest dependency and only the Trends screen needs it: load it when that tab is first opened.
const TrendsScreen = lazy(() => import('../trends/TrendsScreen').then((m) => ({ default: m.TrendsScreen })));
// The OEE screen's charts use ECharts too.
const OeeScreen = lazy(() => import('../oee/OeeScreen').then((m) => ({ default: m.OeeScreen })));
const SpcScreen = lazy(() => import('../spc/SpcScreen').then((m) => ({ default: m.SpcScreen })));
const GenealogyScreen = lazy(() => import('../genealogy/GenealogyScreen').then((m) => ({ default: m.GenealogyScreen })));

type Screen = 'line' | 'orders' | 'alarms' | 'trends' | 'connections' | 'terminal' | 'line-setup' | 'users' | 'audit' | 'genealogy' | 'changes' | 'supply' | 'oee' | 'spc';

const TABS: readonly TabSpec<Screen>[] = [
  { id: 'line', label: 'Line', shortcut: 'Alt+1' },
  { id: 'orders', label: 'Orders', shortcut: 'Alt+2' },
  { id: 'alarms', label: 'Alarms', shortcut: 'Alt+3' },
  { id: 'trends', label: 'Trends', shortcut: 'Alt+4' },
  { id: 'connections', label: 'Connections', shortcut: 'Alt+5' },
  { id: 'terminal', label: 'Terminal', shortcut: 'Alt+6' },
  { id: 'line-setup', label: 'Line setup', shortcut: 'Alt+7' },
  { id: 'users', label: 'Users', shortcut: 'Alt+8' },
  { id: 'audit', label: 'Audit', shortcut: 'Alt+9' },
  { id: 'genealogy', label: 'Genealogy', shortcut: 'Alt+0' },
  { id: 'changes', label: 'Changes', shortcut: 'Alt+-' },
  { id: 'supply', label: 'Supply', shortcut: 'Alt+=' },
  { id: 'oee', label: 'OEE', shortcut: 'Alt+O' },
  { id: 'spc', label: 'SPC', shortcut: 'Alt+S' },
];

// The screen is kept in the URL hash so a reload (or a bookmark) opens the same screen. A screen may keep more after
// a slash (#terminal/WC20: the terminal's work center).
const hashScreen = (): Screen | null => TABS.find((t) => window.location.hash.split('/')[0] === `#${t.id}`)?.id ?? null;
const fromHash = (): Screen => hashScreen() ?? 'line';

/** What a screen loaded when first opened shows meanwhile. */
function Loading({ screen }: { screen: string }) {
  return (
    <p className="muted" role="status">
      Loading the {screen} screen…
    </p>
  );
}

export function Shell({ onSignOut }: { onSignOut: () => void }) {
  const [screen, setScreen] = useState<Screen>(fromHash);

  const select = (next: Screen) => {
    setScreen(next);
    if (hashScreen() !== next) window.history.replaceState(null, '', `#${next}`);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const index = ['Digit1', 'Digit2', 'Digit3', 'Digit4', 'Digit5', 'Digit6', 'Digit7', 'Digit8', 'Digit9', 'Digit0', 'Minus', 'Equal', 'KeyO', 'KeyS'].indexOf(event.code);
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
    <SigningProvider>
      <AlarmsProvider>
        <div className="app">
          <Header onSignOut={onSignOut} />
          <AlarmBanner onOpen={() => select('alarms')} />
          <nav className="nav">
            <Tabs tabs={TABS} active={screen} onSelect={select} />
          </nav>
          <main id={`panel-${screen}`} role="tabpanel" aria-labelledby={`tab-${screen}`} className="screen">
            {screen === 'line' && <LineScreen />}
            {screen === 'orders' && <OrdersScreen />}
            {screen === 'alarms' && <AlarmsScreen />}
            {screen === 'trends' && (
              <Suspense fallback={<Loading screen="trend" />}>
                <TrendsScreen />
              </Suspense>
            )}
            {screen === 'connections' && <DriversScreen />}
            {screen === 'terminal' && <TerminalScreen />}
            {screen === 'line-setup' && <LineSetupScreen />}
            {screen === 'users' && <UsersScreen />}
            {screen === 'audit' && <AuditScreen />}
            {screen === 'changes' && <ChangesScreen />}
            {screen === 'supply' && <SupplyScreen />}
            {screen === 'oee' && (
              <Suspense fallback={<Loading screen="OEE" />}>
                <OeeScreen />
              </Suspense>
            )}
            {screen === 'spc' && (
              <Suspense fallback={<Loading screen="SPC" />}>
                <SpcScreen />
              </Suspense>
            )}
            {screen === 'genealogy' && (
              <Suspense fallback={<Loading screen="genealogy" />}>
                <GenealogyScreen />
              </Suspense>
            )}
          </main>
        </div>
      </AlarmsProvider>
    </SigningProvider>
  );
}
