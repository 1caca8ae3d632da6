/**
 * The Content-Security-Policy of every page we serve: only our own scripts (plus WebAssembly, which
 * libsodium needs), no plugins, no framing, no remote fetches. Sent as a response header by the
 * app:// protocol and by session.webRequest, and repeated as a <meta> tag in renderer/index.html so
 * that the policy also holds when the renderer is served by the test host.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Parses a policy into directive → source list, for comparing the header with the page's meta tag. */
export function parseCsp(policy: string): Map<string, string> {
  const directives = new Map<string, string>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources.join(' '));
  }
  return directives;
}

type Headers = Record<string, string[] | string>;

/**
 * Returns the response headers with our CSP, replacing any policy the response carried (header
 * names are case-insensitive), plus headers that forbid MIME sniffing and referrers.
 */
export function withSecurityHeaders(headers: Headers | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const replaced = new Set(['content-security-policy', 'x-content-type-options', 'referrer-policy']);
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!replaced.has(name.toLowerCase())) out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  out['X-Content-Type-Options'] = ['nosniff'];
  out['Referrer-Policy'] = ['no-referrer'];
  return out;
}
