/** Addresses as a person types and reads them: "host:port", an IPv6 address in brackets. */
import type { LanAddress } from '../../shared/ipc/contract';
import type { Address } from './network';

/** What the IPC contract accepts as a host (a name, an IPv4 address, or an IPv6 address with its zone). */
const HOST = /^[A-Za-z0-9.:%-]{1,253}$/;

/** Parses "host:port"; null when it is not one. */
export function parseAddress(text: string): Address | null {
  const trimmed = text.trim();
  const match = /^\[([^\]]+)\]:(\d{1,5})$/.exec(trimmed) ?? /^([^:[\]\s]+):(\d{1,5})$/.exec(trimmed);
  if (!match) return null;
  const host = match[1]!;
  const port = Number(match[2]);
  if (!HOST.test(host) || port < 1 || port > 65535) return null;
  return { host, port };
}

/** "host:port" as a person types it back into `parseAddress` (IPv6 in brackets). */
export function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Every address this device can be dialled on, as "host:port" texts, IPv4 first. */
export function dialTexts(listening: { readonly port: number; readonly addresses: readonly LanAddress[] }): string[] {
  return listening.addresses.map((a) => formatAddress(a.address, listening.port));
}
