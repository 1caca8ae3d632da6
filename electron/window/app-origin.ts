/**
 * The renderer is served from a custom, privileged `app://` scheme rather than `file://`, so that it
 * has a real origin (CSP 'self', no file:// privileges) and main can tell our pages from anything else.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True only for URLs of our own renderer. `URL.origin` is "null" for custom schemes, so compare parts. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL: not ours, refused.
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
  );
}
