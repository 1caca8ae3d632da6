/**
 * The NetworkBridge (electron/net-bridge.ts) over real transports: TCP
 * listeners that answer LAN queries through a LanBeacon, dialling by address,
 * and Hyperswarm. Main only moves bytes: tags and topics arrive already
 * derived, and every connection is handed to the one registered receiver (the
 * renderer's port). Strangers are held to the limits of ./limits.ts.
 */
import { randomBytes } from 'crypto';
import { networkInterfaces } from 'os';
import type Hyperswarm from 'hyperswarm';
import { AppError } from '../../shared/errors';
import type { ByteConnection, LanListener, NetworkBridge } from '../net-bridge';
import { lanAddresses, type NetworkInterfaces } from './addresses';
import {
  DEFAULT_CONNECTION_LIMITS,
  DEFAULT_STRANGER_LIMITS,
  StrangerPool,
  type ConnectionLimits,
  type StrangerLimits,
} from './limits';
import { LanBeacon, type MdnsSocketOptions } from './mdns';
import { SwarmTransport } from './swarm';
import { connectTcp, listenTcp, type TcpListener } from './tcp';

export interface NetworkBridgeOptions {
  /** Where LAN listeners bind. Default '0.0.0.0' (every interface). */
  readonly lanHost?: string;
  readonly mdns?: MdnsSocketOptions;
  /** Makes a Hyperswarm instance (one per joined topic); default: on the public DHT. Tests pass testnet nodes. */
  readonly createSwarm?: () => Hyperswarm;
  readonly connectTimeoutMs?: number;
  /** The machine's interfaces; default `os.networkInterfaces` (tests pass a fixed table). */
  readonly networkInterfaces?: () => NetworkInterfaces;
  /** Each connection's window, handshake deadline and stranger byte budget. */
  readonly connectionLimits?: ConnectionLimits;
  /** How many inbound strangers at once, in all and per address. */
  readonly strangerLimits?: StrangerLimits;
}

/** What the bridge holds now (for tests and diagnostics; names nobody). */
export interface BridgeCounts {
  readonly connections: number;
  readonly strangers: number;
  readonly listeners: number;
  readonly swarms: number;
}

export function createNetworkBridge(options: NetworkBridgeOptions = {}): NetworkBridge & { counts(): BridgeCounts } {
  const limits = options.connectionLimits ?? DEFAULT_CONNECTION_LIMITS;
  const listeners = new Map<string, TcpListener>();
  const connections = new Set<ByteConnection>();
  const strangers = new StrangerPool(options.strangerLimits ?? DEFAULT_STRANGER_LIMITS);
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
    if (!receiver) return connection.destroy(); // nobody to hand it to: the app is locked or not ready
    if (connection.info.direction === 'inbound') strangers.admit(connection);
    receiver(connection);
  };
  const lan = (): LanBeacon => (beacon ??= new LanBeacon(options.mdns));
  const internet = (): SwarmTransport => {
    // Loaded on first use: an app that never goes online never opens a DHT socket.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const make = options.createSwarm ?? (() => new (require('hyperswarm') as typeof Hyperswarm)());
    return (swarm ??= new SwarmTransport(make, inbound, limits));
  };
  const bind = (port: number | undefined, listenerId: string) =>
    listenTcp({ host: options.lanHost ?? '0.0.0.0', port: port ?? 0, listenerId, limits }, inbound);

  return {
    async listen(tags, port): Promise<LanListener> {
      const listenerId = randomBytes(12).toString('base64url');
      // The port asked for (the one this device used before) when it is free, so addresses handed out stay good.
      const listener = await bind(port, listenerId).catch((e: unknown) => {
        if (port === undefined) throw e;
        return bind(undefined, listenerId);
      });
      listeners.set(listenerId, listener);
      lan().advertise(listenerId, listener.port, tags);
      return { listenerId, port: listener.port };
    },
    advertise(listenerId, tags) {
      const listener = listeners.get(listenerId);
      if (!listener) throw new AppError('net-failed', 'no such listener');
      lan().advertise(listenerId, listener.port, tags);
    },
    addresses: () => lanAddresses((options.networkInterfaces ?? networkInterfaces)()),
    discover: (tags, timeoutMs) => lan().discover(tags, timeoutMs),
    async connect(host, port) {
      return track(await connectTcp(host, port, options.connectTimeoutMs, limits));
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
    counts: () => ({
      connections: connections.size,
      strangers: strangers.size,
      listeners: listeners.size,
      swarms: swarm?.swarmCount ?? 0,
    }),
  };
}
