/**
 * jsdom plus the Node globals it lacks: fake-indexeddb and libsodium need
 * structuredClone, TextEncoder/Decoder, crypto, setImmediate, with Node's typed arrays; and <dialog>'s showModal/close,
 * and user timing (performance.mark…),
 * which jsdom does not implement (the real ones are exercised in Chromium by the e2e tests).
 */
const { TestEnvironment } = require('jest-environment-jsdom');

class SharingEnvironment extends TestEnvironment {
  async setup() {
    await super.setup();
    const g = this.global;
    for (const name of ['structuredClone', 'TextEncoder', 'TextDecoder', 'setImmediate', 'clearImmediate']) {
      g[name] = globalThis[name];
    }
    // One realm for bytes: Node's TextEncoder and structuredClone (fake-indexeddb) make Node's
    // Uint8Arrays, which libsodium's `instanceof` checks inside jsdom's realm would refuse.
    for (const name of [
      'ArrayBuffer',
      'Uint8Array',
      'Uint16Array',
      'Uint32Array',
      'Int8Array',
      'Int32Array',
      'DataView',
    ]) {
      g[name] = globalThis[name];
    }
    Object.defineProperty(g, 'crypto', { value: globalThis.crypto, configurable: true });
    // jsdom has no user timing; the roster, map and check-in mark their keystrokes for the benchmarks.
    for (const [name, value] of Object.entries({
      mark: () => undefined,
      measure: () => undefined,
      clearMarks: () => undefined,
      getEntriesByName: () => [],
    })) {
      if (typeof g.performance[name] !== 'function') g.performance[name] = value;
    }
    const dialog = g.HTMLDialogElement.prototype;
    dialog.showModal = function showModal() {
      this.setAttribute('open', '');
    };
    dialog.close = function close() {
      this.removeAttribute('open');
    };
  }
}

module.exports = SharingEnvironment;
