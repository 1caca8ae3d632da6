import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY, parseCsp, withSecurityHeaders } from '../../electron/window/csp';

describe('Content-Security-Policy', () => {
  const csp = parseCsp(CONTENT_SECURITY_POLICY);

  it('allows only our own origin, WebAssembly, no plugins, no framing, no base or form targets', () => {
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self' 'wasm-unsafe-eval'");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('form-action')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
  });

  it('never allows inline code, eval or remote sources', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|'unsafe-eval'|https?:|\*/);
  });

  it('replaces any policy a response carried and adds nosniff and no-referrer', () => {
    const headers = withSecurityHeaders({
      'content-security-policy': ["default-src *; script-src 'unsafe-inline'"],
      'Content-Type': 'text/html',
    });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'content-security-policy')).toHaveLength(1);
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
    expect(headers['Referrer-Policy']).toEqual(['no-referrer']);
  });

  // The renderer repeats the policy in a <meta> tag (for the browser test host). Both apply, so the
  // meta tag must not contradict the header: every directive it sets must have the header's value.
  const indexHtml = path.join(__dirname, '../../renderer/index.html');
  (existsSync(indexHtml) ? it : it.skip)('renderer/index.html carries the same policy in its meta tag', () => {
    const html = readFileSync(indexHtml, 'utf8');
    const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    expect(match).not.toBeNull();
    const meta = parseCsp(match?.[1] ?? '');
    for (const required of ['default-src', 'script-src', 'object-src']) expect(meta.has(required)).toBe(true);
    for (const [directive, sources] of meta) expect([directive, sources]).toEqual([directive, csp.get(directive)]);
  });
});
