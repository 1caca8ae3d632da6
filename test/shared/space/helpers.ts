import * as c from '../../../shared/crypto';
import { createEntry, decodeEntry, entryHash, ZERO_HASH, type Entry } from '../../../shared/log/entry';
import {
  ACCESS_RECORD_VERSION,
  SpaceAccess,
  addDevice,
  createSpace,
  encodeAccessRecord,
  rotateKey,
} from '../../../shared/space';
import { isAppError } from '../../../shared/errors';

export interface Device {
  readonly identity: c.DeviceIdentity;
  readonly id: c.DeviceId;
  readonly card: c.DeviceCard;
}

export function newDevice(): Device {
  const identity = c.generateDeviceIdentity();
  return { identity, id: c.deviceIdOf(identity.signPublic), card: c.deviceCardOf(identity) };
}

/** A device's content chain: writes sealed entries with whatever epoch/key it is given. */
export class Writer {
  private seq = 0;
  private prev: c.Hash = ZERO_HASH;
  constructor(
    readonly device: Device,
    readonly space: c.SpaceId,
  ) {}

  write(text: string, epoch: { number: number; key: c.SymmetricKey }): Entry {
    const e = createEntry(this.device.identity, {
      log: 'content',
      space: this.space,
      seq: ++this.seq,
      prev: this.prev,
      epoch,
      payload: c.utf8Encode(text),
    });
    this.prev = entryHash(e);
    return e;
  }

  /** Writes with the newest key the device holds in `access`. */
  writeCurrent(access: SpaceAccess, text: string): Entry {
    const { epoch, key } = access.writingKey(this.device.identity);
    return this.write(text, { number: epoch, key });
  }

  get head(): number {
    return this.seq;
  }
}

/** Applies entries as a peer would receive them: through bytes and decodeEntry. */
export function deliver(access: SpaceAccess, ...entries: Entry[]): void {
  for (const e of entries) access.applyAccessEntry(decodeEntry(e.bytes));
}

export function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isAppError(e) ? e.code : `not an AppError: ${String(e)}`;
  }
  return 'no error';
}

/** A snapshot of everything the rules decide, to compare peers. */
export function stateOf(access: SpaceAccess) {
  return {
    members: access.members().map((m) => [m.card.id, m.role]),
    epoch: access.currentEpoch(),
    needsRotation: access.needsRotation(),
    order: access.entries().map((e) => e.id),
  };
}

/**
 * An honest access log of about `records` records by `adminCount` admins, each with its own view,
 * hearing the others' records every other round (so there is concurrency): per round, each admin
 * adds a device or rotates (with the builders), then changes the roles of members it knows.
 */
export function honestLog(adminCount: number, records: number) {
  const creator = newDevice();
  const { access } = createSpace(creator.identity);
  const admins = [creator];
  for (let i = 1; i < adminCount; i++) {
    const d = newDevice();
    access.applyAccessEntry(addDevice(access, creator.identity, d.card, 'admin'));
    admins.push(d);
  }
  const entries: Entry[] = [...access.entries()];
  const views = admins.map(() => SpaceAccess.restore(access.space, entries));
  let unheard: Entry[] = [];
  for (let round = 0; entries.length < records; round++) {
    admins.forEach((who, i) => {
      const view = views[i]!;
      // Keys are sealed to every member: a few dozen members keep the crypto of each rotation small.
      const add = (round + i) % 3 !== 0 && view.members().length < 16;
      const first = add ? addDevice(view, who.identity, newDevice().card, 'editor') : rotateKey(view, who.identity);
      view.applyAccessEntry(first);
      const fresh = [first];
      const others = view.members().filter((m) => m.role !== 'admin');
      let prev = entryHash(first);
      for (let k = 0; k < 29 && others.length > 0; k++) {
        const m = others[(round + k) % others.length]!;
        const e = createEntry(who.identity, {
          log: 'access',
          space: access.space,
          seq: first.header.seq + 1 + k,
          prev,
          payload: encodeAccessRecord({
            v: ACCESS_RECORD_VERSION,
            type: 'set-role',
            parents: [fresh.at(-1)!.id],
            device: m.card.id,
            role: k % 2 ? 'editor' : 'viewer',
            cutoff: 0,
          }),
        });
        prev = entryHash(e);
        fresh.push(e);
      }
      for (const e of fresh.slice(1)) view.applyAccessEntry(e);
      entries.push(...fresh);
      unheard.push(...fresh);
    });
    if (round % 2 === 1) {
      for (const v of views) for (const e of unheard) v.applyAccessEntry(e);
      unheard = [];
    }
  }
  for (const v of views) for (const e of unheard) v.applyAccessEntry(e);
  return { space: access.space, entries, views, admins };
}
