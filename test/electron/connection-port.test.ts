/**
 * A connection handed to the renderer as a port of bytes. The port is a fake MessagePortMain (the
 * one allowed mock); the connection is an in-memory stand-in for a socket (the real transports are
 * tested in electron/net).
 */
import { createConnectionAnnouncer, pipeConnectionToPort, type MainPort } from '../../electron/ipc/connection-port';
import { LIMITS } from '../../shared/ipc/contract';
import { FakePort } from './fakes';
import { MemoryConnection } from './ipc-fixtures';

/** FakePort implements only what MainPort uses; Electron's overloaded `on` needs the cast. */
const asMainPort = (port: FakePort): MainPort => port as unknown as MainPort;

function piped() {
  const connection = new MemoryConnection();
  const port = new FakePort();
  pipeConnectionToPort(connection, asMainPort(port));
  return { connection, port };
}

describe('pipeConnectionToPort', () => {
  it('starts the port and copies bytes both ways unchanged', () => {
    const { connection, port } = piped();
    expect(port.started).toBe(true);
    connection.receive(new Uint8Array([1, 2, 3]));
    expect(port.posted).toEqual([{ type: 'data', bytes: new Uint8Array([1, 2, 3]) }]);
    port.deliver({ type: 'data', bytes: new Uint8Array([9, 8]) });
    expect(connection.written).toEqual([new Uint8Array([9, 8])]);
  });

  it('ends the socket when the renderer sends end, and closes the port', () => {
    const { connection, port } = piped();
    port.deliver({ type: 'end' });
    expect(connection.ended).toBe(true);
    expect(port.closed).toBe(true);
  });

  it('tells the renderer when the remote side ends or the socket fails', () => {
    const clean = piped();
    clean.connection.remoteClosed();
    expect(clean.port.posted).toEqual([{ type: 'end' }]);
    expect(clean.port.closed).toBe(true);

    const failed = piped();
    failed.connection.remoteClosed(new Error('ECONNRESET'));
    expect(failed.port.posted).toEqual([{ type: 'error', code: 'net-failed', message: 'ECONNRESET' }]);
    expect(failed.port.closed).toBe(true);
  });

  it("passes the renderer's consumed counts and its authenticated report to the connection", () => {
    const { connection, port } = piped();
    port.deliver({ type: 'consumed', count: 3 });
    port.deliver({ type: 'consumed', count: 4 });
    expect(connection.consumedBytes).toBe(7);
    expect(connection.isAuthenticated).toBe(false);
    port.deliver({ type: 'authenticated' });
    expect(connection.isAuthenticated).toBe(true);
    expect(connection.written).toEqual([]);
    expect(port.closed).toBe(false);
  });

  it.each([
    ['a string', 'hello'],
    ['a consumed count of zero', { type: 'consumed', count: 0 }],
    ['a negative consumed count', { type: 'consumed', count: -5 }],
    ['a fractional consumed count', { type: 'consumed', count: 1.5 }],
    ['a consumed count above any chunk', { type: 'consumed', count: LIMITS.portChunkBytes + 1 }],
    ['authenticated with extra fields', { type: 'authenticated', peer: 'x' }],
    ['bytes as an array', { type: 'data', bytes: [1, 2, 3] }],
    ['an error from the renderer', { type: 'error', code: 'x', message: 'y' }],
    ['an unknown type', { type: 'flush' }],
    ['extra fields', { type: 'end', also: 1 }],
    ['an oversized chunk', { type: 'data', bytes: new Uint8Array(LIMITS.portChunkBytes + 1) }],
  ])('destroys the socket on %s, writing nothing', (_label, message) => {
    const { connection, port } = piped();
    port.deliver(message);
    expect(connection.written).toEqual([]);
    expect(connection.destroyed).toBe(true);
    expect(port.posted).toContainEqual(expect.objectContaining({ type: 'error', code: 'ipc-bad-request' }));
    expect(port.closed).toBe(true);
    port.deliver({ type: 'data', bytes: new Uint8Array([1]) });
    expect(connection.written).toEqual([]);
  });

  it('destroys the socket when the renderer drops its port', () => {
    const { connection, port } = piped();
    port.emit('close');
    expect(connection.destroyed).toBe(true);
    connection.receive(new Uint8Array([1]));
    expect(port.posted).toEqual([]);
  });
});

describe('createConnectionAnnouncer', () => {
  it('gives each connection an id and sends the renderer its port with the connection meta', () => {
    const sent: Array<[unknown, MainPort]> = [];
    const announce = createConnectionAnnouncer({
      newChannel: () => ({ port1: asMainPort(new FakePort()), port2: asMainPort(new FakePort()) }),
      newId: () => 'conn-1',
      send: (meta, port) => sent.push([meta, port]) > 0,
    });
    const connection = new MemoryConnection({ transport: 'hyperswarm', direction: 'inbound', topic: 'ab'.repeat(32) });
    const meta = announce(connection);
    expect(meta).toEqual({
      connectionId: 'conn-1',
      transport: 'hyperswarm',
      direction: 'inbound',
      topic: 'ab'.repeat(32),
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]![0]).toEqual(meta);
    expect(connection.destroyed).toBe(false);
  });

  it('destroys the connection when there is no window to take it', () => {
    const announce = createConnectionAnnouncer({
      newChannel: () => ({ port1: asMainPort(new FakePort()), port2: asMainPort(new FakePort()) }),
      newId: () => 'conn-2',
      send: () => false,
    });
    const connection = new MemoryConnection();
    announce(connection);
    expect(connection.destroyed).toBe(true);
  });
});
