/**
 * A network link the test can cut: a TCP relay on 127.0.0.1 in front of a device's LAN listener.
 * `cut()` drops every connection through it at once (both ends see the socket die, as when the
 * Wi-Fi at a meeting goes) and refuses new ones until `restore()` listens again on the same port.
 * `bytesPerSecond`: what the device sends back through it goes no faster (a slow network).
 */
import net from 'node:net';
import { Transform } from 'node:stream';

/** Passes bytes on in pieces of 16 KiB, each after the time it takes at `bytesPerSecond`. */
function slowed(bytesPerSecond: number): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let at = 0;
      const next = () => {
        if (at >= chunk.length) return done();
        const piece = chunk.subarray(at, at + 16 * 1024);
        at += piece.length;
        setTimeout(
          () => {
            this.push(piece);
            next();
          },
          (piece.length / bytesPerSecond) * 1000,
        );
      };
      next();
    },
  });
}

export interface CuttableLink {
  /** The port to dial instead of the device's own. */
  readonly port: number;
  cut(): Promise<void>;
  /** Listens again on the same port; `target`: the device's listener moved (it does when its advertised tags change). */
  restore(target?: number): Promise<void>;
  close(): Promise<void>;
}

export async function cuttableLink(
  targetPort: number,
  options: { readonly bytesPerSecond?: number } = {},
): Promise<CuttableLink> {
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((inbound) => {
        const outbound = net.connect({ host: '127.0.0.1', port: targetPort });
        track(inbound);
        track(outbound);
        inbound.pipe(outbound);
        if (options.bytesPerSecond) outbound.pipe(slowed(options.bytesPerSecond)).pipe(inbound);
        else outbound.pipe(inbound);
        inbound.on('close', () => outbound.destroy());
        outbound.on('close', () => inbound.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const stop = async () => {
    const closing = server ? new Promise<void>((resolve) => server!.close(() => resolve())) : Promise.resolve();
    for (const s of sockets) s.destroy();
    server = undefined;
    await closing;
  };
  await listen();
  return {
    get port() {
      return port;
    },
    cut: stop,
    restore(target?: number) {
      if (target !== undefined) targetPort = target;
      return listen();
    },
    close: stop,
  };
}
