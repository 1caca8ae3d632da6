/** @jest-environment ./test/renderer/sharing/environment.js */
/** What the page itself could keep after lock: the clipboard after copying the recovery key, V8's last match. */
import { setImmediate as realSetImmediate } from 'node:timers';
import { initCrypto } from '../../../shared/crypto';
import { forgetLastMatch } from '../../../renderer/app/forget-last-match';
import {
  CLEAR_CLIPBOARD_AFTER_MS,
  copySecret,
  forgetCopiedSecret,
  type TextClipboard,
} from '../../../renderer/app/secret-clipboard';

beforeAll(() => initCrypto());
afterEach(() => jest.useRealTimers());

/**
 * A clipboard with one text slot; `focused` false makes reading fail as in a browser without focus,
 * `readable` false as in Electron, where the page may write to it only (electron/window/guards.ts).
 */
function fakeClipboard() {
  const board = {
    text: '',
    focused: true,
    readable: true,
    hasFocus: () => board.focused,
    readText: async () => {
      if (!board.focused) throw new DOMException('Document is not focused.', 'NotAllowedError');
      if (!board.readable) throw new DOMException('Read permission denied.', 'NotAllowedError');
      return board.text;
    },
    writeText: async (t: string) => {
      board.text = t;
    },
  };
  return board satisfies TextClipboard;
}

const KEY = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01';
// The real setImmediate (Jest's fake clock replaces the global one): lets the clipboard's promises settle.
const flush = () => new Promise((r) => realSetImmediate(r));

test('the copied recovery key is cleared after a short time', async () => {
  jest.useFakeTimers();
  const board = fakeClipboard();
  await copySecret(KEY, board, board.hasFocus);
  expect(board.text).toBe(KEY);
  jest.advanceTimersByTime(CLEAR_CLIPBOARD_AFTER_MS - 1);
  await flush();
  expect(board.text).toBe(KEY);
  jest.advanceTimersByTime(1);
  await flush();
  expect(board.text).toBe('');
});

test('at lock it is cleared, but not what the person copied since', async () => {
  const board = fakeClipboard();
  await copySecret(KEY, board, board.hasFocus);
  await forgetCopiedSecret();
  expect(board.text).toBe('');
  await copySecret(KEY, board, board.hasFocus);
  board.text = 'a shopping list';
  await forgetCopiedSecret();
  expect(board.text).toBe('a shopping list');
});

test('when the window has no focus, it is cleared once the window has it again', async () => {
  const board = fakeClipboard();
  await copySecret(KEY, board, board.hasFocus);
  board.focused = false;
  await forgetCopiedSecret();
  expect(board.text).toBe(KEY);
  board.focused = true;
  window.dispatchEvent(new Event('focus'));
  await flush();
  expect(board.text).toBe('');
});

test('where the page may not read the clipboard at all (Electron), the key is cleared anyway, at lock and after a while', async () => {
  const board = fakeClipboard();
  board.readable = false;
  await copySecret(KEY, board, board.hasFocus);
  await forgetCopiedSecret();
  expect(board.text).toBe('');
  board.focused = false; // and without focus it waits for the focus, as elsewhere
  await copySecret(KEY, board, board.hasFocus);
  await forgetCopiedSecret();
  expect(board.text).toBe(KEY);
  board.focused = true;
  window.dispatchEvent(new Event('focus'));
  await flush();
  expect(board.text).toBe('');
});

test("after lock, V8's last match no longer holds a member's email", () => {
  expect(/(\S+)@(\S+)/.exec('rosa.parks@example.org')).not.toBeNull();
  expect(RegExp.lastMatch).toBe('rosa.parks@example.org');
  forgetLastMatch();
  const legacy = RegExp as unknown as Record<string, string>;
  for (const name of ['input', 'lastMatch', '$_', '$1', '$2', 'leftContext', 'rightContext']) {
    expect(legacy[name]).not.toContain('rosa');
  }
});
