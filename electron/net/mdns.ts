/**
 * LAN discovery over multicast DNS that names nobody and speaks only when asked.
 *
 * - A listener answers to tags (hourly keyed hashes of a space's discovery
 *   key: shared/sync/discovery.ts) but never announces them: no packet leaves
 *   this device unless someone asked for one of its tags.
 * - Questions and answers carry tags only blinded with a fresh nonce
 *   (lan-query.ts), so a listener who does not know a tag cannot tell which
 *   tag was asked for or answered, nor link two packets by it.
 * - Questions go out by multicast from a socket of their own (a random port);
 *   answers go back by unicast to that socket, never by multicast.
 * - A question is answered only if it is recent and new: its nonce's time is
 *   within QUERY_WINDOW_MS of ours and no question with that nonce was
 *   answered before. A replayed question gets nothing; a replayed answer
 *   matches no question of ours. Questions are answered at a bounded rate.
 *
 * Records are SRV only (no TXT, no address records): the peer's address is
 * taken from the UDP packet, and the SRV target is a random label.
 */
import { randomBytes } from 'crypto';
import * as dgram from 'dgram';
import makeMdns from 'multicast-dns';
import type { RemoteInfo } from 'dgram';
import type { Answer, Question, SrvAnswer } from 'dns-packet';
import type { LanPeer } from '../../shared/ipc/contract';
import {
  decoyMac,
  newNonce,
  nonceTime,
  parseRecordName,
  probeOf,
  proofOf,
  QUERY_WINDOW_MS,
  recordName,
  sameMac,
} from './lan-query';

export { SERVICE_SUFFIX } from './lan-query';

const ANSWER_TTL_S = 120;
/** Questions per packet, always exactly this many (decoys fill the last): their number says little. */
export const QUESTIONS_PER_PACKET = 8;
export const DEFAULT_QUERY_INTERVAL_MS = 1_000;
const MDNS_PORT = 5353;
const MDNS_GROUP = '224.0.0.251';

/** Questions answered at most, per second: in all, and per asking address. */
export const ANSWER_RATE = { total: 100, perAddress: 10 } as const;
/** Answers looked at, at most, per `discover` (a flood of forged ones costs a bounded amount of hashing). */
const MAX_ANSWERS_PER_DISCOVERY = 1024;
/** Nonces of answered questions remembered, at most (only genuine questions can get in). */
const MAX_REMEMBERED_NONCES = 4096;

/** Passed to multicast-dns; tests use a private port so they do not disturb (or hear) real mDNS. */
export interface MdnsSocketOptions {
  readonly port?: number;
  readonly ip?: string;
  readonly interface?: string;
  readonly bind?: string;
}

interface Advertisement {
  readonly port: number;
  tags: readonly string[];
}

/** At most `limit` events per key per second. */
class RateLimit {
  private second = 0;
  private readonly counts = new Map<string, number>();

  constructor(private readonly limit: number) {}

  take(key: string, nowMs: number): boolean {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.second) {
      this.second = second;
      this.counts.clear();
    }
    const n = this.counts.get(key) ?? 0;
    if (n >= this.limit) return false;
    this.counts.set(key, n + 1);
    return true;
  }
}

export class LanBeacon {
  private readonly responder: makeMdns.MulticastDNS;
  private readonly adverts = new Map<string, Advertisement>();
  /** Nonces of our own questions in flight: our own listener does not answer them. */
  private readonly asking = new Set<string>();
  /** Nonces of questions already answered (hex → when to forget). */
  private readonly answered = new Map<string, number>();
  private readonly total = new RateLimit(ANSWER_RATE.total);
  private readonly perAddress = new RateLimit(ANSWER_RATE.perAddress);
  private readonly askers = new Set<dgram.Socket>();
  private closed = false;

  constructor(
    private readonly options: MdnsSocketOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.responder = makeMdns({ ...options });
    this.responder.on('query', (query, from) => this.onQuestions(query.questions, from));
    this.responder.on('error', () => undefined); // a failing interface must not crash main; discovery just finds less
  }

  /** Listener `id` on `port` answers to `tags` from now on (nothing is sent: answers go only to questions). */
  advertise(id: string, port: number, tags: readonly string[]): void {
    this.adverts.set(id, { port, tags: tags.map((t) => t.toLowerCase()) });
  }

  /** Listener `id` answers to no question any more. */
  withdraw(id: string): void {
    this.adverts.delete(id);
  }

  /**
   * Asks for `tags` every `intervalMs` for `timeoutMs`, and returns the
   * peers that answered (their host from the packet, port from the SRV
   * record, and which of the tags they answer to).
   */
  async discover(
    tags: readonly string[],
    timeoutMs: number,
    intervalMs = DEFAULT_QUERY_INTERVAL_MS,
  ): Promise<LanPeer[]> {
    const wanted = [...new Set(tags.map((t) => t.toLowerCase()))];
    const found = new Map<string, { host: string; port: number; tags: Set<string> }>();
    const ours = new Map<string, Buffer>(); // nonce hex → nonce, of this discovery's questions
    let looked = 0;
    const asker = await this.openAsker();
    if (!asker) return [];
    asker.on('response', (response, from: RemoteInfo) => {
      for (const answer of [...response.answers, ...(response.additionals ?? [])]) {
        if (answer.type !== 'SRV' || looked++ >= MAX_ANSWERS_PER_DISCOVERY) continue;
        const name = parseRecordName(answer.name);
        const nonce = name && ours.get(name.nonce.toString('hex'));
        if (!name || !nonce) continue;
        const { port } = (answer as SrvAnswer).data;
        for (const tag of wanted) {
          if (!sameMac(proofOf(tag, nonce, port), name.mac)) continue;
          const key = `${from.address}:${port}`;
          const peer = found.get(key) ?? { host: from.address, port, tags: new Set<string>() };
          peer.tags.add(tag);
          found.set(key, peer);
        }
      }
    });
    const ask = () => {
      if (this.closed) return;
      for (let i = 0; i < wanted.length; i += QUESTIONS_PER_PACKET) {
        const nonce = newNonce(this.now());
        const hex = nonce.toString('hex');
        ours.set(hex, nonce);
        this.asking.add(hex);
        const macs = wanted.slice(i, i + QUESTIONS_PER_PACKET).map((tag) => probeOf(tag, nonce));
        while (macs.length < QUESTIONS_PER_PACKET) macs.push(decoyMac());
        const questions: Question[] = macs.map((mac) => ({ name: recordName(mac, nonce), type: 'SRV' }));
        asker.query({ questions }, { port: this.options.port ?? MDNS_PORT, address: this.options.ip ?? MDNS_GROUP });
      }
    };
    ask();
    const repeat = setInterval(ask, intervalMs);
    await new Promise((resolve) => setTimeout(resolve, timeoutMs));
    clearInterval(repeat);
    for (const hex of ours.keys()) this.asking.delete(hex);
    // A beacon closed meanwhile (the app quitting or locking) has closed this socket already: closing it
    // again throws.
    if (!this.closed) await new Promise<void>((resolve) => asker.destroy(() => resolve()));
    return [...found.values()].map((p) => ({ host: p.host, port: p.port, tags: [...p.tags].sort() }));
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.adverts.clear();
    for (const socket of this.askers) socket.close();
    return new Promise((resolve) => this.responder.destroy(() => resolve()));
  }

  /** A socket of its own on a random port for one discovery's questions; the answers come back to it. */
  private async openAsker(): Promise<makeMdns.MulticastDNS | undefined> {
    if (this.closed) return undefined;
    const socket = dgram.createSocket({ type: 'udp4' });
    this.askers.add(socket);
    socket.on('close', () => this.askers.delete(socket));
    const bound = await new Promise<boolean>((resolve) => {
      socket.once('error', () => resolve(false));
      socket.bind(0, this.options.bind, () => resolve(true));
    });
    if (!bound || this.closed) {
      socket.close();
      return undefined;
    }
    socket.setMulticastTTL(255);
    socket.setMulticastLoopback(true); // other instances on this machine (and tests) hear it too
    if (this.options.interface) socket.setMulticastInterface(this.options.interface);
    const asker = makeMdns({ socket, bind: false, multicast: false, port: this.options.port ?? MDNS_PORT });
    asker.on('error', () => undefined);
    return asker;
  }

  private onQuestions(questions: readonly Question[], from: RemoteInfo): void {
    if (this.closed || this.adverts.size === 0) return;
    const named = questions.flatMap((q) => {
      const name = q.type === 'SRV' ? parseRecordName(q.name) : undefined;
      return name ? [name] : [];
    });
    if (named.length === 0) return;
    // One nonce per packet: a packet mixing nonces is not ours, and is not worth hashing.
    const nonce = named[0]!.nonce;
    const hex = nonce.toString('hex');
    if (named.some((n) => !n.nonce.equals(nonce))) return;
    if (this.asking.has(hex) || this.answered.has(hex)) return; // our own question, or a replay
    const now = this.now();
    if (Math.abs(nonceTime(nonce) - now) > QUERY_WINDOW_MS) return;
    if (!this.perAddress.take(from.address, now) || !this.total.take('*', now)) return;

    const answers: Answer[] = [];
    for (const advert of this.adverts.values()) {
      for (const tag of advert.tags) {
        const probe = probeOf(tag, nonce);
        if (!named.some((n) => sameMac(n.mac, probe))) continue;
        answers.push({
          name: recordName(proofOf(tag, nonce, advert.port), nonce),
          type: 'SRV',
          ttl: ANSWER_TTL_S,
          data: { port: advert.port, target: `${randomBytes(8).toString('hex')}.local`, priority: 0, weight: 0 },
        });
      }
    }
    if (answers.length === 0) return;
    this.remember(hex, now);
    this.responder.respond({ answers }, { address: from.address, port: from.port });
  }

  private remember(hex: string, now: number): void {
    for (const [nonce, until] of this.answered) {
      if (until > now && this.answered.size < MAX_REMEMBERED_NONCES) break; // oldest first: the rest are newer
      this.answered.delete(nonce);
    }
    this.answered.set(hex, now + 2 * QUERY_WINDOW_MS);
  }
}
