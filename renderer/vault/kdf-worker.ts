/**
 * Runs Argon2id off the UI thread: one request, one reply, then the page
 * terminates the worker. A same-origin module script, which the CSP
 * (`script-src 'self' 'wasm-unsafe-eval'`) allows; libsodium's WebAssembly
 * needs 'wasm-unsafe-eval' here as on the page.
 */
import { initCrypto, type KdfParams } from '../../shared/crypto';
import { isAppError } from '../../shared/errors';
import { passphraseKey } from '../../shared/vault';
import type { KdfReply, KdfRequest } from './kdf-protocol';

/** The part of DedicatedWorkerGlobalScope used here (the renderer compiles with the DOM library). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (e: MessageEvent<KdfRequest>) => void): void;
  postMessage(reply: KdfReply, transfer?: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;

// Loading libsodium's WebAssembly takes a moment: start as soon as the worker does (see warmKdfWorker).
const ready = initCrypto();

scope.addEventListener('message', (e) => {
  void (async () => {
    try {
      await ready;
      const key = passphraseKey(e.data.passphrase, e.data.kdf as KdfParams);
      scope.postMessage({ key }, [key.buffer]);
    } catch (err) {
      scope.postMessage({ error: isAppError(err) ? err.code : 'internal' });
    }
  })();
});
