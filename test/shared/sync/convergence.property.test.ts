/** Property: random edits on 3–5 peers under random partitions converge once the network heals. */
import fc from 'fast-check';
import { exportBundle, importBundle } from '../../../shared/sync/bundle';
import type { PeerConnection } from '../../../shared/sync/peer';
import type { SpaceHandle } from '../../../shared/vault';
import { addByBundle, makeDevice, newSpace, open, pipe, sameState, setField, until, type TestDevice } from './peers';

type Op =
  | { kind: 'edit'; peer: number; member: number; field: 'name' | 'phone' | 'zip'; value: number }
  | { kind: 'link'; a: number; b: number }
  | { kind: 'cut'; a: number; b: number };

const op = (n: number): fc.Arbitrary<Op> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('edit' as const),
        peer: fc.nat(n - 1),
        member: fc.nat(5),
        field: fc.constantFrom('name' as const, 'phone' as const, 'zip' as const),
        value: fc.nat(999),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('link' as const), a: fc.nat(n - 1), b: fc.nat(n - 1) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), a: fc.nat(n - 1), b: fc.nat(n - 1) }) },
  );

const scenario = fc
  .integer({ min: 3, max: 5 })
  .chain((n) => fc.record({ n: fc.constant(n), ops: fc.array(op(n), { minLength: 5, maxLength: 25 }) }));

async function network(n: number): Promise<{ devices: TestDevice[]; handles: SpaceHandle[] }> {
  const devices: TestDevice[] = [];
  for (let i = 0; i < n; i++) devices.push(await makeDevice(`p${i}`, { rotation: false }));
  const space = await newSpace(devices[0]!);
  for (const d of devices.slice(1)) await addByBundle(devices[0]!, space, d, 'editor');
  // Everyone gets the final access log, so any two can talk.
  const h0 = await open(devices[0]!, space);
  for (const d of devices.slice(1))
    await importBundle(d.vault, await exportBundle(devices[0]!.vault, h0, { to: d.card }));
  return { devices, handles: await Promise.all(devices.map((d) => open(d, space))) };
}

test('random edits, partitions and heals converge', async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async ({ n, ops }) => {
      const { devices, handles } = await network(n);
      const links = new Map<string, { ab: PeerConnection; ba: PeerConnection }>();
      const key = (a: number, b: number) => `${Math.min(a, b)}-${Math.max(a, b)}`;
      const link = async (a: number, b: number) => {
        if (a === b || links.has(key(a, b))) return;
        const l = pipe(devices[a]!, devices[b]!);
        links.set(key(a, b), l);
        await Promise.all([l.ab.ready, l.ba.ready]);
      };
      const cut = async (a: number, b: number) => {
        const l = links.get(key(a, b));
        if (!l) return;
        links.delete(key(a, b));
        l.ab.close();
        await l.ba.ended;
      };
      for (const o of ops) {
        if (o.kind === 'edit') setField(handles[o.peer]!, `m${o.member}`, o.field, `${o.field}-${o.peer}-${o.value}`);
        else if (o.kind === 'link') await link(o.a, o.b);
        else await cut(o.a, o.b);
        await new Promise((r) => setTimeout(r, 2));
      }
      // Heal: a ring joins everyone.
      for (let i = 0; i < n; i++) await link(i, (i + 1) % n);
      await until(() => handles.every((h) => sameState(h, handles[0]!)), 15_000);
      for (const l of links.values()) l.ab.close();
      await Promise.all([...links.values()].map((l) => l.ba.ended));
      await Promise.all(devices.map((d) => d.vault.lock()));
    }),
    { numRuns: 15 },
  );
});
