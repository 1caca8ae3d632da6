import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The ONE place the main window's options are decided. Every renderer process is sandboxed and
 * context-isolated with no Node anywhere; the only bridge is the preload's contextBridge API.
 * (webPreferences is deliberately not written `as const`: electronegativity then misreads it.)
 */
export interface MainWindowSettings {
  /** Absolute path of the compiled preload script. */
  readonly preloadPath: string;
  /** DevTools only in development builds: a packaged app does not offer them. */
  readonly devTools: boolean;
}

export function mainWindowOptions(settings: MainWindowSettings): BrowserWindowConstructorOptions {
  const webPreferences = {
    preload: settings.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Chromium's Linux spellchecker downloads dictionaries from Google: no remote content.
    spellcheck: false,
    devTools: settings.devTools,
  };
  return {
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Sealed Roster',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences,
  };
}
