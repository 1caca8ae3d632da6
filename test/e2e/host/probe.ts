/**
 * Test code that runs INSIDE a page served by the browser host (bundled by probe-bundle.ts and
 * evaluated in the page). It uses the renderer's own platform adapter (renderer/platform: the same
 * instance as the app's, and the same `onConnection` / `portChannel` the sync screens use) and the
 * real sync engine over the connection ports. Nothing here exists in the production bundle.
 */
import '../../../renderer/zod-config';
import * as Y from 'yjs';
import { initCrypto, type SpaceId } from '../../../shared/crypto';
import type { PortMessage } from '../../../shared/ipc/contract';
import type { IdbFactory, IdbKeyRangeFactory } from '../../../shared/store/indexeddb-types';
import { createInvite } from '../../../shared/sync/invite';
import { SyncPeer, type InviteeRequest, type SpaceOffer } from '../../../shared/sync/peer';
import { createVault, type Vault } from '../../../shared/vault';
import { getPlatform, onConnection, portChannel, type IncomingConnection } from '../../../renderer/platform';

const connections = new Map<string, IncomingConnection>();
const received = new Map<string, number[]>();
const ended = new Set<string>();
let peer: SyncPeer | undefined;
let vault: Vault | undefined;
let inviteCode: string | undefined;
const joined: SpaceId[] = [];
const confirmed: InviteeRequest[] = [];
const offers: SpaceOffer[] = [];
const safetyNumbers: string[] = [];

function api() {
  const platform = getPlatform();
  if (!platform) throw new Error('no platform in this page');
  return platform.api;
}

/** Raw mode collects bytes; sync mode hands each port to the SyncPeer, as the sharing screens will. */
onConnection((connection) => {
  const { meta, port } = connection;
  connections.set(meta.connectionId, connection);
  if (peer) {
    const outbound = meta.direction === 'outbound';
    const session = peer.connect(
      portChannel(port),
      outbound ? 'initiator' : 'responder',
      outbound && inviteCode ? { invite: inviteCode } : {},
    );
    void session.ready.then(({ info }) => safetyNumbers.push(info.safetyNumber));
    return;
  }
  received.set(meta.connectionId, []);
  port.onmessage = (event: MessageEvent<PortMessage>) => {
    if (event.data.type === 'data') received.get(meta.connectionId)?.push(...event.data.bytes);
    else ended.add(meta.connectionId);
  };
});

async function newVault(name: string): Promise<Vault> {
  await initCrypto();
  const env = {
    indexedDB: indexedDB as unknown as IdbFactory,
    IDBKeyRange: IDBKeyRange as unknown as IdbKeyRangeFactory,
    name: `probe-${name}`, // beside the app's own database, never in it
  };
  return (await createVault(env, `passphrase of ${name}`, { kdfCost: 'test', batchDelayMs: 5 })).vault;
}

async function members(space: SpaceId): Promise<string[]> {
  const handle = await vault!.openSpace(space);
  const map = handle.doc.getMap<Y.Map<unknown>>('members');
  return [...map.values()].map((m) => String(m.get('name'))).sort();
}

const probe = {
  kind: () => getPlatform()?.kind ?? null,
  info: () => api().app.info(),
  listen: (tag: string) => api().net.listen({ tags: [tag] }),
  discover: (tag: string, timeoutMs: number) => api().net.discover({ tags: [tag], timeoutMs }),
  connect: (host: string, port: number) => api().net.connect({ host, port }),
  closeAll: () => api().net.close({ all: true }),
  connections: () => [...connections.values()].map((c) => c.meta),
  send(connectionId: string, bytes: number[]) {
    const message: PortMessage = { type: 'data', bytes: new Uint8Array(bytes) };
    connections.get(connectionId)?.port.postMessage(message);
  },
  end(connectionId: string) {
    const message: PortMessage = { type: 'end' };
    connections.get(connectionId)?.port.postMessage(message);
  },
  /** Hex of what arrived (a string crosses DevTools far faster than an array of numbers). */
  received: (connectionId: string) =>
    (received.get(connectionId) ?? []).map((b) => b.toString(16).padStart(2, '0')).join(''),
  ended: (connectionId: string) => ended.has(connectionId),

  /** Admin: a vault with one space holding `names`, an invite for it, and a peer that confirms invitees. */
  async admin(names: string[]) {
    vault = await newVault('admin');
    const space = await vault.createSpace('Eastside branch');
    const handle = await vault.openSpace(space);
    handle.doc.transact(() => {
      for (const [i, name] of names.entries()) {
        const member = new Y.Map<unknown>();
        member.set('name', name);
        handle.doc.getMap('members').set(`m${i}`, member);
      }
    });
    await handle.flush();
    peer = new SyncPeer({
      vault,
      confirmInvitee: async (request) => {
        confirmed.push(request);
        return true;
      },
    });
    const invite = await createInvite(vault, space, 'editor');
    return { space, code: invite.code };
  },
  /** Invitee: an empty vault and a peer that dials with the invite code and says yes to the space it is shown. */
  async invitee(code: string) {
    vault = await newVault('invitee');
    inviteCode = code;
    peer = new SyncPeer({
      vault,
      confirmSpace: async (offer) => {
        offers.push(offer);
        return true;
      },
      onJoined: (space) => joined.push(space),
    });
  },
  joined: () => [...joined],
  confirmed: () => confirmed.map((r) => ({ spaceName: r.spaceName, role: r.role, safetyNumber: r.safetyNumber })),
  safetyNumbers: () => [...safetyNumbers],
  offers: () => offers.map((o) => ({ spaceName: o.spaceName, role: o.role, safetyNumber: o.safetyNumber })),
  members,
  async addMember(space: SpaceId, id: string, name: string) {
    const handle = await vault!.openSpace(space);
    const member = new Y.Map<unknown>();
    member.set('name', name);
    handle.doc.getMap('members').set(id, member);
    await handle.flush();
  },
};

export type HostProbe = typeof probe;
(globalThis as unknown as { hostProbe: HostProbe }).hostProbe = probe;
