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
import { deviceIdOf, randomBytes, type DeviceIdentity } from '../crypto';
import { rotateKey } from '../space';
import type { SpaceHandle } from '../vault';
import { timers } from '../timers';

export interface RotationOptions {
  /** The random delay is drawn from [min, max] milliseconds. Default [200, 2000]. */
  readonly delayMs?: readonly [number, number];
  /** Told about a rotation this device made, or one that failed. */
  onRotated?(space: string, error?: unknown): void;
}

/** Watches one open space; returns a function that stops watching. */
export function watchRotation(
  handle: SpaceHandle,
  identity: DeviceIdentity,
  options: RotationOptions = {},
): () => void {
  const [min, max] = options.delayMs ?? [200, 2000];
  const me = deviceIdOf(identity.signPublic);
  let timer: unknown;
  let stopped = false;

  const due = (): boolean => {
    if (stopped) return false;
    try {
      return handle.access.canAdminister(me) && handle.access.needsRotation(identity);
    } catch {
      return false; // the space was closed
    }
  };

  const check = (): void => {
    if (timer !== undefined || !due()) return;
    const span = Math.max(0, max - min);
    const r = randomBytes(4);
    const jitter = span === 0 ? 0 : (((r[0]! << 24) | (r[1]! << 16) | (r[2]! << 8) | r[3]!) >>> 0) % (span + 1);
    const admins = handle.access
      .members()
      .filter((m) => m.role === 'admin')
      .map((m) => m.card.id);
    const rank = Math.max(0, admins.indexOf(me));
    timer = timers.setTimeout(
      () => {
        timer = undefined;
        if (!due()) return;
        handle.changeAccess(rotateKey).then(
          () => options.onRotated?.(handle.id),
          (e: unknown) => options.onRotated?.(handle.id, e),
        );
      },
      rank * max + min + jitter,
    );
  };

  const unsubscribe = handle.onChange(check);
  check();
  return () => {
    stopped = true;
    unsubscribe();
    if (timer !== undefined) timers.clearTimeout(timer);
  };
}
