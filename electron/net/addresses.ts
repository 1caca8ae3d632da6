/**
 * This machine's addresses on the local network, for "Others can connect to 192.168.1.20:PORT".
 * Only addresses another device could dial: loopback is left out, and so are IPv6 link-local
 * addresses (fe80::/10), which need an interface zone the other device cannot know.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import type { LanAddress } from '../../shared/ipc/contract';

/** What `os.networkInterfaces()` returns; injected so tests can give any machine's interfaces. */
export type NetworkInterfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

function isLinkLocalV6(address: string): boolean {
  return /^fe[89ab][0-9a-f]:/i.test(address);
}

/** Non-internal IPv4 then IPv6 addresses, each once, in interface order. */
export function lanAddresses(interfaces: NetworkInterfaces): LanAddress[] {
  const seen = new Set<string>();
  const found: LanAddress[] = [];
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      if (info.internal || seen.has(info.address)) continue;
      if (info.family === 'IPv6' && isLinkLocalV6(info.address)) continue;
      seen.add(info.address);
      found.push({ address: info.address, family: info.family });
    }
  }
  return [...found.filter((a) => a.family === 'IPv4'), ...found.filter((a) => a.family === 'IPv6')];
}
