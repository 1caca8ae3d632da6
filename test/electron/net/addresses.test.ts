/**
 * "Others can connect to 192.168.1.20:PORT": the machine's LAN addresses, from the interface table
 * (a fixed one here, as os.networkInterfaces() reports it), through the real bridge and handler.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import { networkInterfaces } from 'node:os';
import { lanAddresses, type NetworkInterfaces } from '../../../electron/net/addresses';
import { createNetworkBridge } from '../../../electron/net/bridge';
import { createHandlers } from '../../../electron/ipc/handlers';
import { unusedBackups } from '../backup/fixtures';

function info(address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo {
  const common = { address, netmask: '', mac: '00:00:00:00:00:00', internal, cidr: null };
  return family === 'IPv4' ? { ...common, family } : { ...common, family, scopeid: 0 };
}

const laptop: NetworkInterfaces = {
  lo: [info('127.0.0.1', 'IPv4', true), info('::1', 'IPv6', true)],
  wlan0: [info('fe80::1c2b:3aff:fe4d:5e6f', 'IPv6'), info('2001:db8::20', 'IPv6'), info('192.168.1.20', 'IPv4')],
  docker0: [info('172.17.0.1', 'IPv4')],
  vpn0: undefined,
  dup: [info('192.168.1.20', 'IPv4')],
};

test('non-internal IPv4 addresses first, then IPv6; loopback, link-local and duplicates left out', () => {
  expect(lanAddresses(laptop)).toEqual([
    { address: '192.168.1.20', family: 'IPv4' },
    { address: '172.17.0.1', family: 'IPv4' },
    { address: '2001:db8::20', family: 'IPv6' },
  ]);
});

test('a machine with only loopback has no address to offer', () => {
  expect(lanAddresses({ lo: laptop.lo })).toEqual([]);
  expect(lanAddresses({})).toEqual([]);
});

test('the net:addresses handler answers from the bridge, which reads the interface table', async () => {
  const network = createNetworkBridge({ networkInterfaces: () => laptop });
  const handlers = createHandlers({
    appInfo: () => ({ name: 'n', version: 'v', electronVersion: 'e', platform: 'p', contractVersion: 2 }),
    files: { open: async () => null, save: async () => false },
    takePendingBundles: () => [],
    network,
    announce: (c) => ({ connectionId: 'c1', ...c.info }),
    backups: unusedBackups,
    readyToClose: () => undefined,
  });
  expect(await handlers['net:addresses']({})).toEqual({ addresses: lanAddresses(laptop) });
  await network.closeAll();
});

test('by default the bridge reports this machine (never a loopback address)', () => {
  const network = createNetworkBridge();
  const addresses = network.addresses().map((a) => a.address);
  expect(addresses).toEqual(lanAddresses(networkInterfaces()).map((a) => a.address));
  expect(addresses).not.toContain('127.0.0.1');
  expect(addresses).not.toContain('::1');
});
