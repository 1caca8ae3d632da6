/** The browser host's wire format: round trips, and every malformed frame is a clear AppError. */
import { isAppError } from '../../../shared/errors';
import {
  decodeClientFrame,
  decodeHostFrame,
  encodeConnectionData,
  encodeWireMessage,
} from '../../../shared/ipc/host-wire';

test('messages keep bytes as bytes; data frames carry their connection id', () => {
  const bytes = new Uint8Array([0, 255, 7]);
  const invoke = { t: 'invoke', id: 3, channel: 'dialog:saveCsv', payload: { suggestedName: 'ñ.csv', bytes } } as const;
  expect(decodeClientFrame(encodeWireMessage(invoke))).toEqual({ kind: 'message', message: invoke });
  const result = { t: 'result', id: 3, result: { ok: true, value: undefined } } as const;
  expect(decodeHostFrame(encodeWireMessage(result))).toEqual({ kind: 'message', message: result });
  const id = '0b6c2f9e-4d1a-4c43-9a57-3f1f0f7a2d11';
  expect(decodeHostFrame(encodeConnectionData(id, bytes))).toEqual({ kind: 'data', connectionId: id, bytes });
  expect(decodeClientFrame(encodeConnectionData(id, new Uint8Array()))).toMatchObject({ bytes: new Uint8Array() });
});

test.each([
  ['empty', new Uint8Array()],
  ['unknown kind', new Uint8Array([7, 0, 0])],
  ['truncated connection id', new Uint8Array([2, 40, 65, 66])],
  ['connection id with a slash', new Uint8Array([2, 3, 97, 47, 98, 1])],
  ['not lib0', new Uint8Array([1, 0xff, 0xff, 0xff])],
  ['trailing bytes', new Uint8Array([...encodeWireMessage({ t: 'portClosed', connectionId: 'a' }), 0])],
  ['unknown message type', encodeWireMessage({ t: 'exec', cmd: 'rm' } as never)],
  ['extra field', encodeWireMessage({ t: 'portClosed', connectionId: 'a', also: 1 } as never)],
  ['host-only message from a page', encodeWireMessage({ t: 'event', channel: 'app:lock', payload: {} })],
])('a page frame that is %s is refused with ipc-bad-request', (_name, frame) => {
  let error: unknown;
  try {
    decodeClientFrame(frame);
  } catch (e) {
    error = e;
  }
  expect(isAppError(error, 'ipc-bad-request')).toBe(true);
  expect((error as Error).message).toMatch(/^browser host message refused: /);
});

test('a connection id that is not url-safe cannot even be encoded', () => {
  expect(() => encodeConnectionData('a/b', new Uint8Array([1]))).toThrow();
});
