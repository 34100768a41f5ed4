import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { createStationClient } from './client';
import { servedByPlant } from './plant/plant-client';
import { App } from './shell/App';
import './styles.css';

// Under this page's CSP (no 'unsafe-eval') zod's eval probe would be reported as a CSP violation; skip the JIT.
z.config({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// The same HMI served by a plant server runs in plant mode: every line's record, read-only.
const PlantApp = lazy(() => import('./plant/PlantApp').then((m) => ({ default: m.PlantApp })));

async function start(): Promise<void> {
  // The desktop app talks to its own station; a browser asks whoever served the page what it is.
  if (!window.mes && (await servedByPlant())) {
    createRoot(root!).render(
      <StrictMode>
        <Suspense fallback={<p className="muted">Loading the plant screens…</p>}>
          <PlantApp />
        </Suspense>
      </StrictMode>,
    );
    return;
  }
  // One client for the page's lifetime; the browser closes its socket when the page goes.
  const client = createStationClient();
  createRoot(root!).render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
}
void start();
