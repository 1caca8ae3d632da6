import * as c from '../../../shared/crypto';
import { addDevice } from '../../../shared/space';
import {
  cardSafetyNumber,
  CARD_MAGIC,
  exportBundle,
  exportDeviceCard,
  importBundle,
  importDeviceCard,
  readBundle,
} from '../../../shared/sync/bundle';
import { createCodec, defineMessage, bytes } from '../../../shared/sync/messages';
import { dumpDatabase, errorCode } from '../vault/helpers';
import { addByBundle, makeDevice, newSpace, open, sameState, setField } from './peers';

/** The card file's body as a relay would rewrite it (the format is public). */
const cardCodec = createCodec([
  defineMessage('device-card', 2, { sign: bytes(32), box: bytes(32), boxSignature: bytes(64) }),
]);

function relayed(
  file: Uint8Array,
  change: (card: { sign: Uint8Array; box: Uint8Array; boxSignature: Uint8Array }) => object,
) {
  const card = cardCodec.decode(file.subarray(4));
  return new Uint8Array([...file.subarray(0, 4), ...cardCodec.encode({ ...card, ...change(card) } as never)]);
}

async function twoMembers() {
  const a = await makeDevice('a');
  const b = await makeDevice('b');
  const space = await newSpace(a);
  const ha = await open(a, space);
  setField(ha, 'rosa', 'name', 'Rosa Parks');
  await ha.flush();
  await addByBundle(a, space, b, 'editor');
  return { a, b, space, ha, hb: await open(b, space) };
}

describe('file bundles', () => {
  test('only what the peer lacks; no plaintext inside; import verifies and converges', async () => {
    const { a, b, ha, hb } = await twoMembers();
    for (let i = 0; i < 5; i++) {
      setField(ha, `m${i}`, 'name', `Marsha Johnson ${i}`);
      await ha.flush();
    }
    const bundle = await exportBundle(a.vault, ha, { to: b.card, theirs: hb.heads() });
    expect(Buffer.from(bundle).includes(Buffer.from('Marsha'))).toBe(false);
    expect(Buffer.from(bundle).includes(Buffer.from(ha.id))).toBe(false);
    const imported = await importBundle(b.vault, bundle);
    expect(imported.joined).toBe(false);
    expect(imported.report).toMatchObject({ accepted: 5, duplicates: 0, rejected: [] });
    expect(sameState(ha, hb)).toBe(true);
    // Importing it again changes nothing.
    expect((await importBundle(b.vault, bundle)).report).toMatchObject({ accepted: 0, duplicates: 5 });
  });

  test('truncated, tampered, foreign or wrong-kind files: AppError(bad-bundle), store intact', async () => {
    const { a, b, ha } = await twoMembers();
    const stranger = await makeDevice('stranger');
    setField(ha, 'ella', 'name', 'Ella Baker');
    await ha.flush();
    const bundle = await exportBundle(a.vault, ha, { to: b.card });
    const before = JSON.stringify(await dumpDatabase(b.env));
    const tampered = bundle.slice();
    tampered[Math.floor(tampered.length / 2)]! ^= 0x40;
    const cases = [
      bundle.subarray(0, bundle.length - 1),
      bundle.subarray(0, 100),
      bundle.subarray(0, 3),
      tampered,
      new TextEncoder().encode('first_name,last_name\nRosa,Parks\n'),
      new Uint8Array([0xff, 0xfe, 0x80, 0x41, 1, 2, 3]),
    ];
    for (const file of cases) expect(await errorCode(importBundle(b.vault, file))).toBe('bad-bundle');
    expect(JSON.stringify(await dumpDatabase(b.env))).toBe(before);
    // Sealed to b: nobody else opens it.
    expect(await errorCode(importBundle(stranger.vault, bundle))).toBe('bad-bundle');
    expect(await stranger.vault.listSpaces()).toEqual([]);
  });

  test('a space that does not list the importing device is not joined', async () => {
    const { a, ha } = await twoMembers();
    const outsider = await makeDevice('outsider');
    const bundle = await exportBundle(a.vault, ha, { to: outsider.card });
    expect(await errorCode(importBundle(outsider.vault, bundle))).toBe('not-allowed');
    expect(await outsider.vault.listSpaces()).toEqual([]);
  });
});

describe('device cards through a relay', () => {
  test('the file-based invite: card out, safety numbers match, the admin adds the device, bundle back, nothing stored before the person says yes', async () => {
    const admin = await makeDevice('admin');
    const space = await newSpace(admin, 'Eastside branch');
    const handle = await open(admin, space);
    setField(handle, 'rosa', 'name', 'Rosa Parks');
    await handle.flush();
    const invitee = await makeDevice('invitee');
    const card = importDeviceCard(exportDeviceCard(invitee.vault));
    expect(card).toEqual(invitee.card);
    // Read aloud over the phone: both compute the same number, over both keys of both devices.
    const number = cardSafetyNumber(admin.vault, card);
    expect(number).toBe(c.safetyNumber(invitee.card, admin.card));
    await handle.changeAccess((access, me) => addDevice(access, me, card, 'editor'));
    const file = await exportBundle(admin.vault, handle, { to: card });

    const before = JSON.stringify(await dumpDatabase(invitee.env));
    const preview = await readBundle(invitee.vault, file);
    expect(preview).toMatchObject({ space, spaceName: 'Eastside branch', joins: true, safetyNumber: number });
    expect(preview.from).toEqual(admin.card);
    expect(JSON.stringify(await dumpDatabase(invitee.env))).toBe(before); // read and checked, not stored
    expect(await invitee.vault.listSpaces()).toEqual([]);

    const imported = await preview.import();
    expect(imported).toMatchObject({ space, joined: true, from: admin.card.id, safetyNumber: number });
    expect(sameState(handle, await open(invitee, space))).toBe(true);
  });

  test('a relay that swaps the box key in a card file: the card is refused, and nothing can be sealed to that key', async () => {
    const admin = await makeDevice('admin');
    const space = await newSpace(admin);
    const handle = await open(admin, space);
    const invitee = await makeDevice('invitee');
    const relay = c.generateDeviceIdentity();
    const file = exportDeviceCard(invitee.vault);

    const swapped = relayed(file, () => ({ box: relay.boxPublic }));
    expect(() => importDeviceCard(swapped)).toThrow(expect.objectContaining({ code: 'bad-device-card' }));
    // Whoever skips the file check still cannot add or seal to it.
    const forged: c.DeviceCard = { ...invitee.card, boxPublic: relay.boxPublic };
    const heads = JSON.stringify(handle.heads());
    await expect(handle.changeAccess((access, me) => addDevice(access, me, forged, 'editor'))).rejects.toMatchObject({
      code: 'bad-device-card',
    });
    expect(JSON.stringify(handle.heads())).toBe(heads);
    expect(await errorCode(exportBundle(admin.vault, handle, { to: forged }))).toBe('bad-device-card');
  });

  test('a relay that swaps the whole card for its own: it holds together, but the safety numbers differ', async () => {
    const admin = await makeDevice('admin');
    const invitee = await makeDevice('invitee');
    const relay = c.deviceCardOf(c.generateDeviceIdentity());
    const file = relayed(exportDeviceCard(invitee.vault), () => ({
      sign: relay.signPublic,
      box: relay.boxPublic,
      boxSignature: relay.boxSignature,
    }));
    const card = importDeviceCard(file);
    const adminScreen = cardSafetyNumber(admin.vault, card);
    const inviteeScreen = c.safetyNumber(invitee.card, admin.card);
    expect(adminScreen).not.toBe(inviteeScreen);
  });

  test('damaged, truncated or older card files are refused with bad-bundle', async () => {
    const file = exportDeviceCard((await makeDevice('someone')).vault);
    for (const bad of [
      file.subarray(0, 20),
      file.subarray(0, 3),
      new Uint8Array([...new TextEncoder().encode('SRC1'), ...file.subarray(4)]),
      new Uint8Array([...file, 0]),
      new TextEncoder().encode(CARD_MAGIC),
      new Uint8Array([0xff, 0xfe, 0x80, 0x41, 1, 2, 3]), // not even text
      new Uint8Array(0),
    ]) {
      expect(() => importDeviceCard(bad)).toThrow(expect.objectContaining({ code: 'bad-bundle' }));
    }
  });
});
