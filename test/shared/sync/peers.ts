/** Test helpers for replication: real vaults (fake-indexeddb), real sessions, channel pairs or real TCP. */
import * as Y from 'yjs';
import { initCrypto, type DeviceCard, type SpaceId } from '../../../shared/crypto';
import { addDevice, type Role } from '../../../shared/space';
import { exportBundle, importBundle } from '../../../shared/sync/bundle';
import { createChannelPair, type ByteChannel } from '../../../shared/sync/channel';
import { SyncPeer, type PeerConnection, type SyncPeerOptions } from '../../../shared/sync/peer';
import { createVault, type SpaceHandle, type Vault, type VaultOptions } from '../../../shared/vault';
import { channelOfConnection } from '../../../electron/net/connection';
import { connectTcp, listenTcp } from '../../../electron/net/tcp';
import { soughtSpaceKeys } from '../../../shared/sync/discovery';
import { replicationCodec, type ReplicationMessage } from '../../../shared/sync/replication-messages';
import { startSession } from '../../../shared/sync/session';
import { fast, freshEnv } from '../vault/helpers';
import { relayedPair } from './helpers';
import type { IdbEnvironment } from '../../../shared/store/indexeddb-types';

export { until } from './helpers';

export interface TestDevice {
  readonly name: string;
  readonly env: IdbEnvironment;
  readonly vault: Vault;
  readonly peer: SyncPeer;
  readonly card: DeviceCard;
}

export const quick = { maxBatchEntries: 64, window: 2 };

export async function makeDevice(
  name: string,
  options: Partial<SyncPeerOptions> = {},
  env: IdbEnvironment = freshEnv(),
  vaultOptions: Partial<VaultOptions> = {},
): Promise<TestDevice> {
  await initCrypto();
  const { vault } = await createVault(env, `passphrase of ${name}`, { ...fast, ...vaultOptions });
  const peer = new SyncPeer({ vault, rotation: { delayMs: [5, 30] }, replication: quick, ...options });
  return { name, env, vault, peer, card: vault.device };
}

export async function newSpace(admin: TestDevice, name = 'Chapter'): Promise<SpaceId> {
  return admin.vault.createSpace(name);
}

/** `admin` adds `member` with `role` and hands it the space as a bundle file (no network). */
export async function addByBundle(admin: TestDevice, space: SpaceId, member: TestDevice, role: Role): Promise<void> {
  const handle = await admin.vault.openSpace(space);
  await handle.changeAccess((access, me) => addDevice(access, me, member.card, role));
  await handle.flush();
  await importBundle(member.vault, await exportBundle(admin.vault, handle, { to: member.card }));
}

export function open(d: TestDevice, space: SpaceId): Promise<SpaceHandle> {
  return d.vault.openSpace(space);
}

/**
 * A space made by a device named `admin` with one editor per other name (added by bundle),
 * every device with the space open. Devices and handles come back in the order of `names`.
 */
export async function spaceOfEditors<const N extends readonly [string, ...string[]]>(
  names: N,
): Promise<{ space: SpaceId; devices: { [K in keyof N]: TestDevice }; handles: { [K in keyof N]: SpaceHandle } }> {
  const devices = await Promise.all(names.map((n) => makeDevice(n)));
  const [admin, ...editors] = devices as [TestDevice, ...TestDevice[]];
  const space = await newSpace(admin);
  for (const editor of editors) await addByBundle(admin, space, editor, 'editor');
  const handles = await Promise.all(devices.map((d) => open(d, space)));
  return {
    space,
    devices: devices as { [K in keyof N]: TestDevice },
    handles: handles as { [K in keyof N]: SpaceHandle },
  };
}

/**
 * `member` speaking raw protocol to `to`'s real peer about `space` (so it can say anything): a raw session
 * as initiator, relayed through taps that can inject bytes, both sides past the handshake. `say` sends a
 * replication message on it.
 */
export async function rawSessionTo(to: TestDevice, member: TestDevice, space: SpaceId) {
  const { a: cm, b: ca, aToB } = relayedPair();
  const raw = startSession(cm, {
    identity: member.vault.deviceIdentity(),
    role: 'initiator',
    spacesFor: () => [space],
    membershipKeys: async () => soughtSpaceKeys(await member.vault.openSpace(space), member.vault.deviceIdentity()),
  });
  const conn = to.peer.connect(ca, 'responder');
  await Promise.all([raw.ready, conn.ready]);
  const say = (message: ReplicationMessage) => raw.send(replicationCodec.encode(message));
  return { raw, conn, say, aToB };
}

/**
 * The hostile-member set-up: `a` has a space with one member (Rosa Parks) stored, and Mallory, an editor
 * of it, speaks raw protocol to `a`'s real peer (rawSessionTo).
 */
export async function malloryEditorOf(a: TestDevice) {
  const m = await makeDevice('mallory');
  const space = await newSpace(a);
  await addByBundle(a, space, m, 'editor');
  const ha = await open(a, space);
  setField(ha, 'rosa', 'name', 'Rosa Parks');
  await ha.flush();
  return { m, space, ha, ...(await rawSessionTo(a, m, space)) };
}

/** A session between two devices over an in-memory channel pair. */
export function pipe(
  a: TestDevice,
  b: TestDevice,
): { ab: PeerConnection; ba: PeerConnection; channels: ByteChannel[] } {
  const [ca, cb] = createChannelPair();
  return { ab: a.peer.connect(ca, 'initiator'), ba: b.peer.connect(cb, 'responder'), channels: [ca, cb] };
}

/** A session between two devices over a real TCP socket on 127.0.0.1; `destroy` cuts the socket. */
export async function tcp(
  a: TestDevice,
  b: TestDevice,
  options: { cutAfterBytes?: number } = {},
): Promise<{ ab: PeerConnection; ba: PeerConnection; destroy: () => void; sent: () => number }> {
  let inbound: ((c: ReturnType<typeof channelOfConnection>) => void) | undefined;
  const accepted = new Promise<ReturnType<typeof channelOfConnection>>((r) => (inbound = r));
  const listener = await listenTcp({ host: '127.0.0.1', port: 0 }, (connection) =>
    inbound!(channelOfConnection(connection)),
  );
  const outbound = await connectTcp('127.0.0.1', listener.port);
  let bytes = 0;
  const write = outbound.write.bind(outbound);
  const cut = options.cutAfterBytes ?? Infinity;
  outbound.write = (chunk) => {
    if (bytes >= cut) return;
    if (bytes + chunk.length > cut) {
      // The connection dies in the middle of this frame: the peer gets its first bytes, then the end.
      write(chunk.subarray(0, cut - bytes));
      bytes = cut;
      outbound.end();
      return;
    }
    bytes += chunk.length;
    write(chunk);
  };
  const ab = a.peer.connect(channelOfConnection(outbound), 'initiator');
  const ba = b.peer.connect(await accepted, 'responder');
  await listener.close();
  return { ab, ba, destroy: () => outbound.destroy(), sent: () => bytes };
}

export function members(handle: SpaceHandle): Y.Map<Y.Map<unknown>> {
  return handle.doc.getMap<Y.Map<unknown>>('members');
}

export function setField(handle: SpaceHandle, member: string, field: string, value: unknown): void {
  handle.doc.transact(() => {
    let m = members(handle).get(member);
    if (!m) members(handle).set(member, (m = new Y.Map()));
    m.set(field, value);
  });
}

/** Same content, same Yjs state vector: byte-identical state, whatever order the updates came in. */
export function sameState(a: SpaceHandle, b: SpaceHandle): boolean {
  return (
    docJson(a.doc, b.doc) === docJson(b.doc, a.doc) &&
    Buffer.from(Y.encodeStateVector(a.doc)).equals(Buffer.from(Y.encodeStateVector(b.doc)))
  );
}

/** The top-level maps of `doc` (and those `other` has: Y.Doc.toJSON lists only types already read). */
export function docJson(doc: Y.Doc, other?: Y.Doc): string {
  const names = new Set([...doc.share.keys(), ...(other?.share.keys() ?? [])]);
  return canonical(Object.fromEntries([...names].sort().map((n) => [n, doc.getMap(n).toJSON()])));
}

/** JSON with object keys sorted (Y.Map iteration order depends on arrival order). */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v,
  );
}

export function contentSeqs(handle: SpaceHandle): string {
  return JSON.stringify(handle.heads().content.map((h) => [h.author, h.seq]));
}
