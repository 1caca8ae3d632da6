/**
 * What a space handle asks of the space's access rules: which epoch key seals
 * new content, which key opens an entry, and whether an author may write.
 * The rules themselves (access log: add/remove/rotate, roles) live in
 * shared/space; this seam keeps the vault independent of their internals.
 */
import type { DeviceId, SymmetricKey } from '../crypto';
import { AppError } from '../errors';
import type { Entry } from '../log/entry';
import type { SpaceSecrets } from './keys';

export interface SpaceAccess {
  /** The epoch that new local content is sealed under. */
  currentEpoch(): { readonly number: number; readonly key: SymmetricKey };
  /** The key of an epoch, if this device holds it. */
  epochKey(epoch: number): SymmetricKey | undefined;
  /** Throws AppError('not-allowed') when `author` may not write content sealed for `epoch`. */
  checkContentAuthor(author: DeviceId, epoch: number): void;
  /** Validates access-log entries (already chained, in order) before they are stored. */
  checkAccessEntries(entries: readonly Entry[]): void;
}

/** Access from the epoch keys this device holds: sole-device spaces. */
export function accessFromSecrets(secrets: SpaceSecrets): SpaceAccess {
  return {
    currentEpoch() {
      let best: { number: number; key: SymmetricKey } | undefined;
      for (const [number, key] of secrets.epochKeys) if (!best || number > best.number) best = { number, key };
      if (!best) throw new AppError('not-allowed', 'this device holds no key for the space');
      return best;
    },
    epochKey: (epoch) => secrets.epochKeys.get(epoch),
    checkContentAuthor(_author, epoch) {
      if (!secrets.epochKeys.has(epoch)) throw new AppError('not-allowed', 'entry sealed for an unknown epoch');
    },
    checkAccessEntries() {
      // shared/space validates access entries; until it is wired in, none are accepted.
      throw new AppError('not-allowed', 'access entries are not handled yet');
    },
  };
}
