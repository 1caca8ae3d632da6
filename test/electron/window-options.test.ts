import type { BrowserWindowConstructorOptions } from 'electron';
import { createMainWindow } from '../../electron/window/options';

/** A fake BrowserWindow class (the one allowed mock): it only keeps the options it was built with. */
class FakeBrowserWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}
const optionsFor = (devTools: boolean): BrowserWindowConstructorOptions =>
  createMainWindow(FakeBrowserWindow, { preloadPath: '/app/dist/electron/preload.js', devTools }).options;

describe('createMainWindow options', () => {
  const options = optionsFor(false);
  const web = options.webPreferences ?? {};

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['experimentalFeatures', false],
    ['navigateOnDragDrop', false],
    ['spellcheck', false],
  ] as const)('sets webPreferences.%s to %s', (key, value) => {
    expect(web[key]).toBe(value);
  });

  it('loads the given preload script, enables no Blink features and disables middle-click', () => {
    expect(web.preload).toBe('/app/dist/electron/preload.js');
    expect(web.enableBlinkFeatures).toBeUndefined();
    expect(web.disableBlinkFeatures).toBe('Auxclick');
  });

  it('offers DevTools only when asked (development builds)', () => {
    expect(web.devTools).toBe(false);
    expect(optionsFor(true).webPreferences?.devTools).toBe(true);
  });

  it('creates the window hidden until ready to show', () => {
    expect(options.show).toBe(false);
  });
});
