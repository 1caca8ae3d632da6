/** @jest-environment ./test/renderer/sharing/environment.js */
/** History names the device that made a change by its number, as Sharing does: digits to read aloud, no `_` or `-`. */
import { screen } from '@testing-library/react';
import * as Y from 'yjs';
import { deviceIdOf, initCrypto, generateDeviceIdentity, type DeviceId } from '../../../shared/crypto';
import { SpaceData } from '../../../shared/model';
import { HistoryRows } from '../../../renderer/views/history/HistoryRows';
import { shortDevice } from '../../../renderer/views/sharing/words';
import { renderView } from './render-view';

beforeAll(() => initCrypto());
// jsdom lays nothing out: give the scrolled rows a height, so the virtual table renders some.
beforeAll(() => {
  for (const side of ['clientHeight', 'clientWidth'])
    Object.defineProperty(HTMLElement.prototype, side, { configurable: true, get: () => 600 });
});

/** A device whose id (base64url) has the characters that cannot be read aloud. */
function awkwardDevice(): DeviceId {
  for (;;) {
    const id = deviceIdOf(generateDeviceIdentity().signPublic);
    if (/[-_]/.test(id.slice(0, 8))) return id;
  }
}

test.each(['en', 'es'])('another device is named by its digit groups (%s)', async (lng) => {
  const other = awkwardDevice();
  const data = new SpaceData(new Y.Doc(), deviceIdOf(generateDeviceIdentity().signPublic));
  const rows = [
    { change: { id: 'c1', author: other, seq: 1, at: Date.UTC(2026, 0, 5), records: ['a', 'b'] }, members: [] },
  ];
  await renderView(data, <HistoryRows rows={rows} />, lng);
  const word = lng === 'en' ? 'device' : 'dispositivo';
  const cell = await screen.findByText(new RegExp(`^${word} \\d{5} \\d{5}$`));
  expect(cell.textContent).toBe(`${word} ${shortDevice(other)}`);
  expect(screen.queryByText(new RegExp(other.slice(0, 8).replace(/[-_]/g, '\\$&')))).toBeNull();
});
