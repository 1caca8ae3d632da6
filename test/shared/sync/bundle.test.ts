import { exportBundle, importBundle } from '../../../shared/sync/bundle';
import { dumpDatabase, errorCode } from '../vault/helpers';
import { addByBundle, makeDevice, newSpace, open, sameState, setField } from './peers';

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
