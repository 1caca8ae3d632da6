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
import { ScheduledService } from '../util/scheduled-service';

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
  let failed = false;

  const delay = (): number => {
    const span = Math.max(0, max - min);
    const r = randomBytes(4);
    const jitter = span === 0 ? 0 : (((r[0]! << 24) | (r[1]! << 16) | (r[2]! << 8) | r[3]!) >>> 0) % (span + 1);
    return admin.adminRank() * max + min + jitter;
  };

  const service = new ScheduledService({
    // A failed rotation is told and tried again at the next change of the space, not in a loop.
    next: (now, reason) => ((reason === 'ran' && failed) || !admin.rotationDue() ? undefined : now + delay()),
    run: async () => {
      failed = false;
      if (!admin.rotationDue()) return;
      try {
        await admin.rotate();
      } catch (e) {
        failed = true;
        throw e;
      }
      options.onRotated?.(space.id);
    },
    onError: (e) => options.onRotated?.(space.id, e),
  });
  const unsubscribe = space.onChange(() => service.wake());
  service.start();
  return () => {
    void service.stop();
    unsubscribe();
  };
}
