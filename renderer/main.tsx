/** Renderer entry: crypto and translations first, then the app. */
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { initCrypto } from '../shared/crypto';
import { App } from './app/App';
import { initI18n } from './i18n';
import { applyTheme } from './app/preferences';
import { getPlatform } from './platform';
import { defaultGateway } from './vault';

async function start(): Promise<void> {
  // The preload API under Electron, or the browser host's WebSocket client (tests, development):
  // connecting early means the host's connections and events find the page ready.
  getPlatform();
  applyTheme();
  const [i18n] = await Promise.all([initI18n(), initCrypto()]);
  const root = document.getElementById('root');
  if (!root) return;
  root.setAttribute('data-app-ready', '');
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App gateway={defaultGateway()} />
      </I18nextProvider>
    </StrictMode>,
  );
}

start().catch(() => {
  // Without crypto the app cannot open anything; say so plainly (no stack trace on screen).
  const root = document.getElementById('root');
  if (root) root.textContent = 'Sealed Roster could not start. / Sealed Roster no pudo iniciarse.';
});
