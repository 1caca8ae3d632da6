/**
 * Internet transport: Hyperswarm (HyperDHT hole punching, Noise-encrypted
 * streams) on topics the renderer derives from discovery keys, a new one
 * every UTC day (shared/sync/discovery.ts `swarmTopic`).
 *
 * Each topic gets a swarm of its own: its own random key pair and its own DHT
 * socket. So the DHT sees no key that links two topics: not two spaces of
 * one device, and not one space's topic of today with yesterday's (their IP
 * address still can: SECURITY.md "On the wire and on the LAN"). The devices
 * authenticate each other inside the stream with the sync handshake.
 */
import type Hyperswarm from 'hyperswarm';
import type { Duplex } from 'stream';
import type { ByteConnection } from '../net-bridge';
import { connectionFromStream } from './connection';
import type { ConnectionLimits } from './limits';

/**
 * Hyperswarm looks a topic up again only every ~10 minutes. Two organizers
 * who open the app at the same moment would both miss each other's fresh
 * announcement, so a joined topic is refreshed a few times early on.
 */
export const EAGER_REFRESH_MS: readonly number[] = [1_000, 3_000, 10_000, 30_000];

interface TopicSwarm {
  readonly swarm: Hyperswarm;
  readonly streams: Set<Duplex>;
  timers: ReturnType<typeof setTimeout>[];
  /** Left: no longer announced or looked up; destroyed once its last connection closes. */
  left: boolean;
}

export class SwarmTransport {
  /** Joined topics (hex). */
  private readonly joined = new Map<string, TopicSwarm>();
  /** Every swarm still alive, joined or left with connections still open. */
  private readonly alive = new Set<TopicSwarm>();

  /** `makeSwarm` is called once per topic joined; tests give it a node of a local testnet. */
  constructor(
    private readonly makeSwarm: () => Hyperswarm,
    private readonly onConnection: (connection: ByteConnection) => void,
    private readonly limits?: ConnectionLimits,
  ) {}

  /** Topics joined now (hex). */
  topics(): string[] {
    return [...this.joined.keys()];
  }

  /** Swarms alive now (joined, or left with a connection still open). */
  get swarmCount(): number {
    return this.alive.size;
  }

  /** Announces and looks up `topicHex` (client and server); resolves once the first round is done. */
  async join(topicHex: string): Promise<void> {
    if (this.joined.has(topicHex)) return;
    const entry: TopicSwarm = { swarm: this.makeSwarm(), streams: new Set(), timers: [], left: false };
    this.alive.add(entry);
    this.joined.set(topicHex, entry);
    entry.swarm.on('connection', (stream, peer) => {
      entry.streams.add(stream);
      stream.on('close', () => {
        entry.streams.delete(stream);
        if (entry.left && entry.streams.size === 0) void this.retire(entry);
      });
      const info = {
        transport: 'hyperswarm' as const,
        // Hyperswarm decides who dialled; that side runs the handshake as initiator.
        direction: peer.client ? ('outbound' as const) : ('inbound' as const),
        topic: topicHex,
        ...(stream.rawStream?.remoteHost !== undefined && { remoteHost: stream.rawStream.remoteHost }),
        ...(stream.rawStream?.remotePort !== undefined && { remotePort: stream.rawStream.remotePort }),
      };
      this.onConnection(connectionFromStream(stream, info, this.limits));
    });
    const discovery = entry.swarm.join(Buffer.from(topicHex, 'hex'), { server: true, client: true });
    entry.timers = EAGER_REFRESH_MS.map((ms) =>
      // An early extra lookup; the swarm keeps refreshing on its own, so a failed one needs no telling.
      setTimeout(() => discovery.refresh().catch(() => undefined), ms).unref(),
    );
    await discovery.flushed();
  }

  /** Stops announcing and looking up `topicHex`; its open connections stay open until they close. */
  async leave(topicHex: string): Promise<void> {
    const entry = this.joined.get(topicHex);
    if (!entry) return;
    this.joined.delete(topicHex);
    entry.timers.forEach(clearTimeout);
    entry.left = true;
    await entry.swarm.leave(Buffer.from(topicHex, 'hex'));
    if (entry.streams.size === 0) await this.retire(entry);
  }

  /** Leaves every topic and closes every connection. */
  async destroy(): Promise<void> {
    this.joined.clear();
    await Promise.all([...this.alive].map((entry) => this.retire(entry)));
  }

  private async retire(entry: TopicSwarm): Promise<void> {
    if (!this.alive.delete(entry)) return;
    entry.timers.forEach(clearTimeout);
    await entry.swarm.destroy();
  }
}
