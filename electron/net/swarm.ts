/**
 * Internet transport: Hyperswarm (HyperDHT hole punching, Noise-encrypted
 * streams) on topics the renderer derives from discovery keys
 * (shared/sync/discovery.ts `swarmTopic`). The swarm's own key pair is
 * random per swarm, so the DHT cannot link a device across app runs; the
 * devices authenticate each other inside the stream with the sync handshake.
 */
import type Hyperswarm from 'hyperswarm';
import type { ByteConnection } from '../net-bridge';
import { connectionFromStream } from './connection';

/**
 * Hyperswarm looks a topic up again only every ~10 minutes. Two organizers
 * who open the app at the same moment would both miss each other's fresh
 * announcement, so a joined topic is refreshed a few times early on.
 */
export const EAGER_REFRESH_MS: readonly number[] = [1_000, 3_000, 10_000, 30_000];

export class SwarmTransport {
  private readonly joined = new Map<string, ReturnType<typeof setTimeout>[]>();

  /** `swarm` is injected so tests can give it a node of a local testnet. */
  constructor(
    private readonly swarm: Hyperswarm,
    onConnection: (connection: ByteConnection) => void,
  ) {
    swarm.on('connection', (stream, peer) => {
      const topic = peer.topics[0];
      onConnection(
        connectionFromStream(stream, {
          transport: 'hyperswarm',
          // Hyperswarm decides who dialled; that side runs the handshake as initiator.
          direction: peer.client ? 'outbound' : 'inbound',
          ...(topic && { topic: Buffer.from(topic).toString('hex') }),
        }),
      );
    });
  }

  /** Announces and looks up `topicHex` (client and server); resolves once the first round is done. */
  async join(topicHex: string): Promise<void> {
    if (this.joined.has(topicHex)) return;
    const discovery = this.swarm.join(Buffer.from(topicHex, 'hex'), { server: true, client: true });
    const timers = EAGER_REFRESH_MS.map((ms) =>
      setTimeout(() => discovery.refresh().catch(() => undefined), ms).unref(),
    );
    this.joined.set(topicHex, timers);
    await discovery.flushed();
  }

  async leave(topicHex: string): Promise<void> {
    const timers = this.joined.get(topicHex);
    if (!timers) return;
    timers.forEach(clearTimeout);
    this.joined.delete(topicHex);
    await this.swarm.leave(Buffer.from(topicHex, 'hex'));
  }

  /** Leaves every topic and closes every connection. */
  async destroy(): Promise<void> {
    for (const timers of this.joined.values()) timers.forEach(clearTimeout);
    this.joined.clear();
    await this.swarm.destroy();
  }
}
