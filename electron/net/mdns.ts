/**
 * LAN discovery over multicast DNS that names nobody.
 *
 * A listener is advertised as SRV records `<tag>._sroster._tcp.local`,
 * one per tag, where a tag is the hex of an hourly keyed hash of a space's
 * discovery key (shared/sync/discovery.ts, computed by the renderer). The
 * SRV target is a random label made for that advertisement, not the
 * computer's name, and no TXT or address records are sent: the peer's
 * address is taken from the UDP packet. Queries ask for specific tags, and
 * a beacon answers only for tags it advertises, so a device reveals a tag
 * only to someone who already asks for it.
 */
import makeMdns from 'multicast-dns';
import type { RemoteInfo } from 'dgram';
import type { Answer, Question, SrvAnswer } from 'dns-packet';
import type { LanPeer } from '../../shared/ipc/contract';
import { randomBytes } from 'crypto';

export const SERVICE_SUFFIX = '._sroster._tcp.local';
const ANSWER_TTL_S = 120;
/** Questions per query packet, to stay well below common MTUs. */
const QUESTIONS_PER_PACKET = 16;
export const DEFAULT_QUERY_INTERVAL_MS = 1_000;

/** Passed to multicast-dns; tests use a private port so they do not disturb (or hear) real mDNS. */
export interface MdnsSocketOptions {
  readonly port?: number;
  readonly ip?: string;
  readonly interface?: string;
  readonly bind?: string;
}

interface Advertisement {
  readonly port: number;
  readonly tags: ReadonlySet<string>;
  readonly target: string;
}

const nameOf = (tag: string) => `${tag}${SERVICE_SUFFIX}`;

function tagOf(name: string): string | undefined {
  const lower = name.toLowerCase();
  return lower.endsWith(SERVICE_SUFFIX) ? lower.slice(0, -SERVICE_SUFFIX.length) : undefined;
}

export class LanBeacon {
  private readonly mdns: makeMdns.MulticastDNS;
  private readonly adverts = new Map<string, Advertisement>();
  private readonly browsers = new Set<(answers: readonly Answer[], from: RemoteInfo) => void>();
  private closed = false;

  constructor(options: MdnsSocketOptions = {}) {
    this.mdns = makeMdns({ ...options });
    this.mdns.on('query', (query) => this.answer(query.questions));
    this.mdns.on('response', (response, from) => {
      const answers = [...response.answers, ...(response.additionals ?? [])];
      for (const browser of this.browsers) browser(answers, from);
    });
    this.mdns.on('error', () => undefined); // a failing interface must not crash main; discovery just finds less
  }

  /** Advertises (or re-advertises) listener `id` on `port` under `tags`, and announces it at once. */
  advertise(id: string, port: number, tags: readonly string[]): void {
    const advert = {
      port,
      tags: new Set(tags.map((t) => t.toLowerCase())),
      target: `${randomBytes(8).toString('hex')}.local`,
    };
    this.adverts.set(id, advert);
    this.send([...advert.tags].map((tag) => this.srv(tag, advert, ANSWER_TTL_S)));
  }

  /** Withdraws listener `id`; a TTL-0 answer tells caches to forget it. */
  withdraw(id: string): void {
    const advert = this.adverts.get(id);
    if (!advert) return;
    this.adverts.delete(id);
    this.send([...advert.tags].map((tag) => this.srv(tag, advert, 0)));
  }

  /**
   * Asks for `tags` every `intervalMs` for `timeoutMs`, and returns the
   * peers that answered (their host from the packet, port from the SRV
   * record, and which of the tags they hold). Our own adverts are skipped.
   */
  discover(tags: readonly string[], timeoutMs: number, intervalMs = DEFAULT_QUERY_INTERVAL_MS): Promise<LanPeer[]> {
    const wanted = new Set(tags.map((t) => t.toLowerCase()));
    const found = new Map<string, { host: string; port: number; tags: Set<string> }>();
    const ours = () => new Set([...this.adverts.values()].map((a) => a.target));
    const browser = (answers: readonly Answer[], from: RemoteInfo) => {
      for (const answer of answers) {
        if (answer.type !== 'SRV') continue;
        const tag = tagOf(answer.name);
        const { port, target } = (answer as SrvAnswer).data;
        if (tag === undefined || !wanted.has(tag) || ours().has(target.toLowerCase())) continue;
        const key = `${from.address}:${port}`;
        const peer = found.get(key) ?? { host: from.address, port, tags: new Set<string>() };
        if (answer.ttl === 0)
          peer.tags.delete(tag); // a goodbye: the listener was withdrawn
        else peer.tags.add(tag);
        if (peer.tags.size > 0) found.set(key, peer);
        else found.delete(key);
      }
    };
    this.browsers.add(browser);
    const query = () => {
      const questions: Question[] = [...wanted].map((tag) => ({ name: nameOf(tag), type: 'SRV' }));
      for (let i = 0; i < questions.length; i += QUESTIONS_PER_PACKET) {
        if (!this.closed) this.mdns.query({ questions: questions.slice(i, i + QUESTIONS_PER_PACKET) });
      }
    };
    query();
    const repeat = setInterval(query, intervalMs);
    return new Promise((resolve) =>
      setTimeout(() => {
        clearInterval(repeat);
        this.browsers.delete(browser);
        resolve([...found.values()].map((p) => ({ host: p.host, port: p.port, tags: [...p.tags].sort() })));
      }, timeoutMs),
    );
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    for (const id of [...this.adverts.keys()]) this.withdraw(id);
    this.closed = true;
    return new Promise((resolve) => this.mdns.destroy(() => resolve()));
  }

  private answer(questions: readonly Question[]): void {
    const answers: Answer[] = [];
    for (const question of questions) {
      if (question.type !== 'SRV') continue;
      const tag = tagOf(question.name);
      if (tag === undefined) continue;
      for (const advert of this.adverts.values())
        if (advert.tags.has(tag)) answers.push(this.srv(tag, advert, ANSWER_TTL_S));
    }
    this.send(answers);
  }

  private srv(tag: string, advert: Advertisement, ttl: number): Answer {
    return {
      name: nameOf(tag),
      type: 'SRV',
      ttl,
      data: { port: advert.port, target: advert.target, priority: 0, weight: 0 },
    };
  }

  private send(answers: Answer[]): void {
    if (this.closed || answers.length === 0) return;
    this.mdns.respond({ answers });
  }
}
