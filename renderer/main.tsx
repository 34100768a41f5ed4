import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { createStationClient } from './client';
import { App } from './shell/App';
import './styles.css';

// Under this page's CSP (no 'unsafe-eval') zod's eval probe would be reported as a CSP violation; skip the JIT.
z.config({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

// One client for the page's lifetime; the browser closes its socket when the page goes.
const client = createStationClient();

createRoot(root).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
