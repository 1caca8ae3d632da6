import { mainWindowOptions } from '../../electron/window/options';

describe('mainWindowOptions', () => {
  const options = mainWindowOptions({ preloadPath: '/app/dist/electron/preload.js', devTools: false });
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

  it('loads the given preload script and enables no Blink features', () => {
    expect(web.preload).toBe('/app/dist/electron/preload.js');
    expect(web.enableBlinkFeatures).toBeUndefined();
  });

  it('offers DevTools only when asked (development builds)', () => {
    expect(web.devTools).toBe(false);
    expect(mainWindowOptions({ preloadPath: '/p.js', devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('creates the window hidden until ready to show', () => {
    expect(options.show).toBe(false);
  });
});
