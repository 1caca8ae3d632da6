/**
 * The NetworkBridge (electron/net-bridge.ts) over real transports: TCP
 * listeners advertised by a LanBeacon, dialling by address, and Hyperswarm.
 * Main only moves bytes: tags and topics arrive already derived, and every
 * connection is handed to the one registered receiver (the renderer's port).
 */
import { randomBytes } from 'crypto';
import { networkInterfaces } from 'os';
import type Hyperswarm from 'hyperswarm';
import { AppError } from '../../shared/errors';
import type { ByteConnection, LanListener, NetworkBridge } from '../net-bridge';
import { lanAddresses, type NetworkInterfaces } from './addresses';
import { LanBeacon, type MdnsSocketOptions } from './mdns';
import { SwarmTransport } from './swarm';
import { connectTcp, listenTcp, type TcpListener } from './tcp';

export interface NetworkBridgeOptions {
  /** Where LAN listeners bind. Default '0.0.0.0' (every interface). */
  readonly lanHost?: string;
  readonly mdns?: MdnsSocketOptions;
  /** Makes the Hyperswarm instance on first use; default: the public DHT. Tests pass a testnet node. */
  readonly createSwarm?: () => Hyperswarm;
  readonly connectTimeoutMs?: number;
  /** The machine's interfaces; default `os.networkInterfaces` (tests pass a fixed table). */
  readonly networkInterfaces?: () => NetworkInterfaces;
}

export function createNetworkBridge(options: NetworkBridgeOptions = {}): NetworkBridge {
  const listeners = new Map<string, TcpListener>();
  const connections = new Set<ByteConnection>();
  let beacon: LanBeacon | undefined;
  let swarm: SwarmTransport | undefined;
  let receiver: ((connection: ByteConnection) => void) | undefined;

  const track = (connection: ByteConnection): ByteConnection => {
    connections.add(connection);
    connection.onClose(() => connections.delete(connection));
    return connection;
  };
  const inbound = (connection: ByteConnection): void => {
    track(connection);
    if (receiver) receiver(connection);
    else connection.destroy(); // nobody to hand it to: the app is locked or not ready
  };
  const lan = (): LanBeacon => (beacon ??= new LanBeacon(options.mdns));
  const internet = (): SwarmTransport => {
    if (swarm) return swarm;
    // Loaded on first use: an app that never goes online never opens a DHT socket.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const make = options.createSwarm ?? (() => new (require('hyperswarm') as typeof Hyperswarm)());
    return (swarm = new SwarmTransport(make(), inbound));
  };

  return {
    async listen(tags): Promise<LanListener> {
      const listenerId = randomBytes(12).toString('base64url');
      const listener = await listenTcp({ host: options.lanHost ?? '0.0.0.0', port: 0, listenerId }, inbound);
      listeners.set(listenerId, listener);
      lan().advertise(listenerId, listener.port, tags);
      return { listenerId, port: listener.port };
    },
    addresses: () => lanAddresses((options.networkInterfaces ?? networkInterfaces)()),
    discover: (tags, timeoutMs) => lan().discover(tags, timeoutMs),
    async connect(host, port) {
      return track(await connectTcp(host, port, options.connectTimeoutMs));
    },
    joinTopic: (topicHex) => internet().join(topicHex),
    async leaveTopic(topicHex) {
      await swarm?.leave(topicHex);
    },
    async closeListener(listenerId) {
      const listener = listeners.get(listenerId);
      if (!listener) throw new AppError('net-failed', 'no such listener');
      listeners.delete(listenerId);
      beacon?.withdraw(listenerId);
      await listener.close();
    },
    async closeAll() {
      const closing = [...listeners.values()].map((l) => l.close());
      listeners.clear();
      for (const connection of connections) connection.destroy();
      connections.clear();
      await Promise.all([...closing, beacon?.close(), swarm?.destroy()]);
      beacon = undefined;
      swarm = undefined;
    },
    onConnection(listener) {
      receiver = listener;
    },
  };
}
