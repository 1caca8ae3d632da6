import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowSettings {
  /** Absolute path of the compiled preload script. */
  readonly preloadPath: string;
  /** DevTools only in development builds: a packaged app does not offer them. */
  readonly devTools: boolean;
}

/** The BrowserWindow class, passed in so that tests can construct with a fake one. */
export type BrowserWindowClass<W = ElectronBrowserWindow> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * The ONE place the main window is built and its options decided. Every renderer is sandboxed and
 * context-isolated with no Node anywhere; the only bridge is the preload's contextBridge API.
 * The options are written inline in the constructor call so that electronegativity can read them
 * (it cannot follow a function call), and webPreferences is not written `as const` (that gives a false SANDBOX finding).
 */
export function createMainWindow<W>(BrowserWindow: BrowserWindowClass<W>, settings: MainWindowSettings): W {
  return new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Sealed Roster',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
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
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      // Chromium's Linux spellchecker downloads dictionaries from Google: no remote content.
      spellcheck: false,
      devTools: settings.devTools,
    },
  });
}
