/**
 * What a peer that has not authenticated yet (a stranger) may cost us
 * (SECURITY.md "On the wire and on the LAN"). Main cannot tell a member from a
 * stranger by itself: the renderer's sync session says when the handshake
 * passed (`ByteConnection.authenticated`). Until then:
 *
 * - each connection has a deadline and a byte budget (connection.ts);
 * - inbound strangers are few: at most `maxStrangers` at once, and at most
 *   `maxStrangersPerAddress` from one address (an IPv6 /64 counts as one). A
 *   newcomer is always let in, and a stranger of the busiest address makes
 *   room: the one whose handshake got least far (fewest whole frames sent),
 *   the oldest of those. An address is no proof of anything (everyone on a
 *   LAN shares its IPv6 /64; an attacker can take many IPv4 addresses), so a
 *   flood from the honest peer's own address must not push it out: an honest
 *   peer sends its hello at once and its proof one round trip later, while
 *   idle sockets and half-sent frames stay behind it in line.
 *
 * Reading also pauses while the renderer has not consumed what it was given
 * (a window, for every connection), so a peer cannot make main or the IPC
 * queue hold more than that.
 */
import { isIPv6 } from 'net';
import type { ByteConnection } from '../net-bridge';

export interface ConnectionLimits {
  /** Bytes handed to the renderer and not yet consumed at which reading pauses (it resumes at half). */
  readonly windowBytes: number;
  /** A peer not authenticated by then is cut off. */
  readonly handshakeMs: number;
  /** Bytes a peer may send before it is authenticated. */
  readonly strangerBytes: number;
}

export interface StrangerLimits {
  readonly maxStrangers: number;
  readonly maxStrangersPerAddress: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  windowBytes: 4 * 1024 * 1024,
  // Above the session's own handshake timeout (shared/sync/session.ts), which ends it first with a reason.
  handshakeMs: 20_000,
  // A handshake is a few kilobytes; the rest is room for the peer's first replication messages racing our 'ready'.
  strangerBytes: 1024 * 1024,
};

export const DEFAULT_STRANGER_LIMITS: StrangerLimits = { maxStrangers: 64, maxStrangersPerAddress: 8 };

/** What counts as one address: an IPv4 address, or the /64 an IPv6 address is in (one host can hold all of it). */
export function addressGroup(host: string | undefined): string {
  if (host === undefined) return '?';
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host);
  if (v4) return v4[1]!;
  if (!isIPv6(host)) return host;
  const [head = '', tail = ''] = host.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = host.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

/** The inbound connections not authenticated yet, with room made for newcomers. */
export class StrangerPool {
  /** In arrival order (Map keeps insertion order). */
  private readonly waiting = new Map<ByteConnection, string>();

  constructor(private readonly limits: StrangerLimits = DEFAULT_STRANGER_LIMITS) {}

  get size(): number {
    return this.waiting.size;
  }

  /** Lets `connection` in, cutting off the strangers it displaces; it leaves the pool once authenticated or closed. */
  admit(connection: ByteConnection): void {
    if (connection.isAuthenticated) return;
    const group = addressGroup(connection.info.remoteHost);
    this.waiting.set(connection, group);
    const leave = () => this.waiting.delete(connection);
    connection.onAuthenticated(leave);
    connection.onClose(leave);
    while (this.count(group) > this.limits.maxStrangersPerAddress) this.evict(connection, group);
    while (this.waiting.size > this.limits.maxStrangers) this.evict(connection);
  }

  private count(group: string): number {
    let n = 0;
    for (const g of this.waiting.values()) if (g === group) n++;
    return n;
  }

  /**
   * Cuts off one stranger, never `newcomer` (it has had no time to speak yet): from `group` if given,
   * else from the busiest address; of those, the one whose handshake got least far, the oldest of those.
   */
  private evict(newcomer: ByteConnection, group?: string): void {
    const counts = new Map<string, number>();
    for (const g of this.waiting.values()) counts.set(g, (counts.get(g) ?? 0) + 1);
    let victim: ByteConnection | undefined;
    let victimBusy = 0;
    for (const [connection, g] of this.waiting) {
      if (connection === newcomer || (group !== undefined && g !== group)) continue;
      const busy = group === undefined ? counts.get(g)! : 0;
      // In arrival order: a later one replaces the choice only if it ranks strictly before it.
      const before =
        !victim || busy > victimBusy || (busy === victimBusy && connection.handshakeFrames < victim.handshakeFrames);
      if (before) [victim, victimBusy] = [connection, busy];
    }
    victim ??= newcomer; // nobody else to cut (a limit of one)
    this.waiting.delete(victim);
    victim.destroy();
  }
}
