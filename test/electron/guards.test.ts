import {
  guardWebContents,
  hardenSession,
  isAllowedRequestUrl,
  type GuardedContents,
  type HardenedSession,
} from '../../electron/window/guards';
import { CONTENT_SECURITY_POLICY } from '../../electron/window/csp';
import { FakeWebContents, fakeEvent } from './fakes';

describe('guardWebContents (with a fake WebContents: Electron cannot load in Node)', () => {
  const contents = new FakeWebContents();
  guardWebContents(contents as unknown as GuardedContents);

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])(
    'prevents %s, even to our own origin',
    (name) => {
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://renderer/index.html']) {
        const event = fakeEvent();
        contents.emit(name, event, url);
        expect(event.defaultPrevented).toBe(true);
      }
    },
  );

  it('denies every new window', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://renderer/index.html' })).toEqual({ action: 'deny' });
  });
});

type Headers = Record<string, string[]>;
interface Installed {
  requestHandler?: (wc: unknown, permission: string, cb: (granted: boolean) => void, d: unknown) => void;
  checkHandler?: (wc: unknown, permission: string, origin: string, d: unknown) => boolean;
  deviceHandler?: (d: unknown) => boolean;
  spellChecker: boolean;
  beforeRequest?: (d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void;
  headersReceived?: (d: { responseHeaders?: Headers }, cb: (r: { responseHeaders?: Headers }) => void) => void;
}

/** A fake Session that keeps the handlers hardenSession installs. */
function fakeSession(): { installed: Installed; session: HardenedSession } {
  const installed: Installed = { spellChecker: true };
  const session = {
    setPermissionRequestHandler: (h: Installed['requestHandler']) => (installed.requestHandler = h),
    setPermissionCheckHandler: (h: Installed['checkHandler']) => (installed.checkHandler = h),
    setDevicePermissionHandler: (h: Installed['deviceHandler']) => (installed.deviceHandler = h),
    setSpellCheckerEnabled: (enabled: boolean) => (installed.spellChecker = enabled),
    webRequest: {
      onBeforeRequest: (h: Installed['beforeRequest']) => (installed.beforeRequest = h),
      onHeadersReceived: (h: Installed['headersReceived']) => (installed.headersReceived = h),
    },
  };
  return { installed, session: session as unknown as HardenedSession };
}

describe('hardenSession (with a fake Session)', () => {
  const { installed: session, session: fake } = fakeSession();
  hardenSession(fake);
  const permissions = ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'usb', 'fullscreen'];
  const fromOurPage = { requestingUrl: 'app://renderer/index.html', isMainFrame: true };

  it.each(permissions)('denies the %s permission request, even from our own page', (permission) => {
    const answers: boolean[] = [];
    session.requestHandler?.({}, permission, (granted) => answers.push(granted), fromOurPage);
    expect(answers).toEqual([false]);
  });

  it.each(permissions)('answers no to a %s permission check, even from our own page', (permission) => {
    expect(session.checkHandler?.({}, permission, 'app://renderer', fromOurPage)).toBe(false);
  });

  it('lets our own page write to the clipboard (copying the recovery key), nothing else and no one else', () => {
    const ours = { requestingUrl: 'app://renderer/index.html', isMainFrame: true };
    const asked = (permission: string, details: object) => {
      const answers: boolean[] = [];
      session.requestHandler?.({}, permission, (granted) => answers.push(granted), details);
      return answers;
    };
    expect(asked('clipboard-sanitized-write', ours)).toEqual([true]);
    expect(session.checkHandler?.({}, 'clipboard-sanitized-write', 'app://renderer', ours)).toBe(true);
    // Reading the clipboard would show the page whatever the person copies elsewhere.
    expect(asked('clipboard-read', ours)).toEqual([false]);
    expect(session.checkHandler?.({}, 'clipboard-read', 'app://renderer', ours)).toBe(false);
    expect(asked('deprecated-sync-clipboard-read', ours)).toEqual([false]);
    for (const other of [
      { requestingUrl: 'app://renderer/index.html', isMainFrame: false }, // a frame inside our page
      { requestingUrl: 'https://evil.example/', isMainFrame: true },
      { requestingUrl: 'file:///tmp/page.html', isMainFrame: true },
      { requestingUrl: 'app://other/index.html', isMainFrame: true },
      { isMainFrame: true }, // no URL said
    ]) {
      expect(asked('clipboard-sanitized-write', other)).toEqual([false]);
      expect(session.checkHandler?.({}, 'clipboard-sanitized-write', 'https://evil.example', other)).toBe(false);
    }
  });

  it('denies device access and turns the (dictionary-downloading) spellchecker off', () => {
    expect(session.deviceHandler?.({ deviceType: 'usb' })).toBe(false);
    expect(session.spellChecker).toBe(false);
  });

  it('cancels every request that would leave the machine', () => {
    const outcome = (url: string) => {
      let cancel: boolean | undefined;
      session.beforeRequest?.({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(outcome('app://renderer/assets/index.js')).toBe(false);
    expect(outcome('https://fonts.example/font.woff2')).toBe(true);
    expect(outcome('http://192.168.1.4:8080/')).toBe(true);
    expect(outcome('ws://127.0.0.1:9000/')).toBe(true);
    expect(outcome('file:///etc/passwd')).toBe(true);
    expect(isAllowedRequestUrl('not a url')).toBe(false);
  });

  it('puts our CSP on every response', () => {
    let headers: Record<string, string[]> | undefined;
    session.headersReceived?.({ responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (r) => {
      headers = r.responseHeaders;
    });
    expect(headers?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});
