/**
 * "The next admin online rotates again" (shared/space/README.md): when
 * merged access changes left the newest key sealed to a set other than the
 * current members (or several unchained keys, or this admin holds a withdrawn
 * key that some member lacks: SECURITY.md "The access log against its own
 * members"), an admin rotates. It waits a
 * short random delay and re-checks first, so two admins who see the same
 * merge do not both rotate. The delay also grows with the admin's rank
 * (admins sorted by device id): the first admin online goes first, the next
 * one a whole delay span later, and so on, so concurrent rotations (which
 * call for yet another rotation once merged) stay rare.
 */
import { randomBytes, type SpaceId } from '../crypto';
import type { AccessAdmin } from '../vault';
import { timers } from '../timers';

export interface RotationOptions {
  /** The random delay is drawn from [min, max] milliseconds. Default [200, 2000]. */
  readonly delayMs?: readonly [number, number];
  /** Told about a rotation this device made, or one that failed. */
  onRotated?(space: string, error?: unknown): void;
}

/** The open space watched: news of new entries (a merge may call for a rotation). */
export interface WatchedSpace {
  readonly id: SpaceId;
  onChange(listener: () => void): () => void;
}

/** Whether a rotation is due and this device may make it, and making it (shared/vault/access-admin.ts). */
export type RotationDuty = Pick<AccessAdmin, 'rotationDue' | 'adminRank' | 'rotate'>;

/** Watches one open space; returns a function that stops watching. */
export function watchRotation(space: WatchedSpace, admin: RotationDuty, options: RotationOptions = {}): () => void {
  const [min, max] = options.delayMs ?? [200, 2000];
  let timer: unknown;
  let stopped = false;

  const due = (): boolean => !stopped && admin.rotationDue();

  const check = (): void => {
    if (timer !== undefined || !due()) return;
    const span = Math.max(0, max - min);
    const r = randomBytes(4);
    const jitter = span === 0 ? 0 : (((r[0]! << 24) | (r[1]! << 16) | (r[2]! << 8) | r[3]!) >>> 0) % (span + 1);
    timer = timers.setTimeout(
      () => {
        timer = undefined;
        if (!due()) return;
        admin.rotate().then(
          () => options.onRotated?.(space.id),
          (e: unknown) => options.onRotated?.(space.id, e),
        );
      },
      admin.adminRank() * max + min + jitter,
    );
  };

  const unsubscribe = space.onChange(check);
  check();
  return () => {
    stopped = true;
    unsubscribe();
    if (timer !== undefined) timers.clearTimeout(timer);
  };
}
