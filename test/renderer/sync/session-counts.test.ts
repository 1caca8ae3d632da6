/**
 * What the Connections panel and the arrival panels read of a session (renderer/sync/sessions.ts): the
 * entries received, counted once stored, and while a large message arrives or is stored, its bytes.
 * The session and its replication are stand-ins here, moved by hand: the real ones are in
 * test/shared/sync (session.test.ts: `incoming`; replication.test.ts: `bytesStoring`).
 */
import type { DeviceId, SpaceId } from '../../../shared/crypto';
import type { PeerConnection, SyncPeer } from '../../../shared/sync/peer';
import type { ReplicationStats } from '../../../shared/sync/replication';
import type { SessionEnd } from '../../../shared/sync/session';
import { FOLLOW_EVERY_MS, Sessions } from '../../../renderer/sync/sessions';
import { INITIAL_STATE, type SessionView, type SyncState } from '../../../renderer/sync/state';
import { Store } from '../../../renderer/sync/store';
import { until } from './host-service';

const SPACE = 'space-1' as SpaceId;
const ADMIN = 'dev-admin' as DeviceId;

/** A session past its handshake whose bytes, counts and end the test moves. */
function standIn() {
  const stats: ReplicationStats = { entriesSent: 0, entriesReceived: 0, batchesSent: 0, bytesStoring: 0 };
  const bytes = new Set<() => void>();
  let endSession!: (end: SessionEnd) => void;
  const ended = new Promise<SessionEnd>((resolve) => (endSession = resolve));
  const live = { incoming: undefined as { received: number; total: number } | undefined };
  const session = {
    get incoming() {
      return live.incoming;
    },
    onBytes(listener: () => void) {
      bytes.add(listener);
      return () => bytes.delete(listener);
    },
  };
  const info = { peer: ADMIN, spaces: [SPACE], safetyNumber: '1234' };
  const connection = {
    session,
    ready: Promise.resolve({ info, replication: { stats } }),
    ended,
    close: () => endSession({ reason: 'done', by: 'local' }),
  } as unknown as PeerConnection;
  /** Bytes arrived: what the session tells its listeners after each piece. */
  const arrived = () => bytes.forEach((l) => l());
  return { connection, stats, live, arrived, end: () => endSession({ reason: 'done', by: 'local' }) };
}

function sessionsWith(connection: PeerConnection) {
  const store = new Store<SyncState>(INITIAL_STATE);
  const sessions = new Sessions({
    store,
    peer: { connect: () => connection } as unknown as SyncPeer,
    me: 'dev-me' as DeviceId,
    now: Date.now,
    connect: () => Promise.reject(new Error('not dialled here')),
    onSynced: () => undefined,
  });
  const { port1 } = new MessageChannel();
  sessions.incoming({ meta: { connectionId: 'c1', transport: 'lan', direction: 'inbound' }, port: port1 });
  const view = (): SessionView | undefined => store.get().sessions[0];
  return { sessions, view, close: () => (sessions.close(), port1.close()) };
}

test('a checkpoint on its way, then being stored, then the entries stored: each is on screen while it lasts', async () => {
  const s = standIn();
  const { view, close } = sessionsWith(s.connection);
  try {
    await until(() => view()?.status === 'syncing', 'session ready');
    // The first piece of a 3.4 MB message: shown at once, without waiting for anything to be stored.
    s.live.incoming = { received: 65_536, total: 3_400_000 };
    s.arrived();
    expect(view()?.incoming).toEqual({ received: 65_536, total: 3_400_000 });
    // More comes, no store change in between: the screen follows within a moment.
    s.live.incoming = { received: 2_000_000, total: 3_400_000 };
    s.arrived();
    await until(() => view()?.incoming?.received === 2_000_000, 'the bytes followed');
    // Whole: now it is checked and stored, which moves no count until it is done.
    s.live.incoming = undefined;
    s.stats.bytesStoring = 3_400_000;
    s.arrived();
    await until(() => view()?.storing === 3_400_000, 'storing shown');
    expect(view()?.incoming).toBeUndefined();
    // Stored: the count says so, and no bytes are left on screen, though no more bytes come.
    s.stats.bytesStoring = 0;
    s.stats.entriesReceived = 121;
    await until(() => view()?.received === 121, 'the count of what was stored');
    expect(view()?.storing).toBeUndefined();
    expect(view()?.incoming).toBeUndefined();
  } finally {
    close();
  }
});

test('"changes received" counts the last batch too, once it is stored after its bytes came', async () => {
  const s = standIn();
  const { view, close } = sessionsWith(s.connection);
  try {
    await until(() => view()?.status === 'syncing', 'session ready');
    // A batch's bytes came and its entries are being stored; the count moves after the last of them.
    s.stats.bytesStoring = 40_000;
    s.arrived();
    await new Promise((r) => setTimeout(r, 10));
    s.stats.entriesReceived = 40;
    s.stats.bytesStoring = 0;
    await until(() => view()?.received === 40, 'the batch counted');
    // And the panel stops looking once nothing is on its way (no timer left behind).
    await new Promise((r) => setTimeout(r, 3 * FOLLOW_EVERY_MS));
    s.stats.entriesReceived = 41; // counted only at the next bytes or store change
    await new Promise((r) => setTimeout(r, 2 * FOLLOW_EVERY_MS));
    expect(view()?.received).toBe(40);
    s.arrived();
    expect(view()?.received).toBe(41);
  } finally {
    close();
    s.end();
  }
});
