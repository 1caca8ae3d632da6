/** "host:port" as a person types it (an IPv6 address in brackets); null when it is not one. */
import type { Address } from './network';

/** What the IPC contract accepts as a host (a name, an IPv4 address, or an IPv6 address with its zone). */
const HOST = /^[A-Za-z0-9.:%-]{1,253}$/;

export function parseAddress(text: string): Address | null {
  const trimmed = text.trim();
  const match = /^\[([^\]]+)\]:(\d{1,5})$/.exec(trimmed) ?? /^([^:[\]\s]+):(\d{1,5})$/.exec(trimmed);
  if (!match) return null;
  const host = match[1]!;
  const port = Number(match[2]);
  if (!HOST.test(host) || port < 1 || port > 65535) return null;
  return { host, port };
}
