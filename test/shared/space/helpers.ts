import * as c from '../../../shared/crypto';
import { createEntry, decodeEntry, entryHash, ZERO_HASH, type Entry } from '../../../shared/log/entry';
import type { SpaceAccess } from '../../../shared/space';
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
