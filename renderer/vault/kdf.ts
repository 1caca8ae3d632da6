/**
 * Argon2id for the UI: in a Web Worker, so the screen keeps painting (and the
 * busy state shows) during the ~1 s the standard cost takes, instead of
 * freezing at create and unlock. Without Worker support (tests under jsdom)
 * or if the worker cannot start, it runs here as before: same key either way.
 */
import type { KdfParams, SymmetricKey } from '../../shared/crypto';
import { AppError, type ErrorCode } from '../../shared/errors';
import { passphraseKey } from '../../shared/vault';
import { startWorker } from '../platform/start-worker';
import type { KdfReply, KdfRequest } from './kdf-protocol';

/** A worker started ahead of need; it holds nothing secret until it is asked for a key, then it ends. */
let warm: Promise<Worker | null> | null = null;

const spawn = () => startWorker(async () => (await import('./kdf-spawn')).spawnKdfWorker());

/**
 * Starts the worker (and its libsodium) before the passphrase is typed, so
 * that create/unlock wait for Argon2id only. Measured in Chromium on a busy
 * 2-core machine: unlock took 1.96 s with a cold worker, ~1.5 s warm (as
 * in-thread), with no main-thread task over 50 ms (in-thread: 1.0–1.2 s).
 */
export function warmKdfWorker(): void {
  warm ??= spawn();
}

export async function deriveOffThread(passphrase: string, kdf: KdfParams): Promise<SymmetricKey> {
  const next = warm ?? spawn();
  warm = null;
  const worker = await next;
  if (!worker) return passphraseKey(passphrase, kdf);
  return new Promise<SymmetricKey>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<KdfReply>) => {
      worker.terminate();
      if ('key' in e.data) resolve(e.data.key as SymmetricKey);
      else reject(new AppError(e.data.error as ErrorCode, 'key derivation failed'));
    };
    // The script did not load or crashed: derive here rather than leave the user locked out.
    worker.onerror = (e) => {
      e.preventDefault();
      worker.terminate();
      try {
        resolve(passphraseKey(passphrase, kdf));
      } catch (err) {
        reject(err);
      }
    };
    worker.postMessage({ passphrase, kdf } satisfies KdfRequest);
  });
}
