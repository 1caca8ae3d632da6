/**
 * The power goes at every step of a day's use of the backup folder (appends, a new base, more
 * appends): afterwards the folder still restores every transaction it acknowledged, in order, byte
 * for byte, and opening it again works. Real files; what a power cut keeps is modelled by
 * PowerCutDisk (only synced data and synced directory entries, plus a random part of what was
 * written after the last sync).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MirrorStore, type MirrorFrame } from '../../../electron/backup/mirror-store';
import { PowerCutDisk } from './power-cut-disk';

const tx = (seq: number): MirrorFrame => ({ seq, bytes: new TextEncoder().encode(`transaction ${seq} `.repeat(seq)) });

/** A day of use; `acked` gets each transaction once the store has acknowledged it. */
async function day(store: MirrorStore, acked: MirrorFrame[]): Promise<void> {
  const append = async (...frames: MirrorFrame[]) => {
    await store.append(frames);
    acked.push(...frames);
  };
  await append(tx(1));
  await append(tx(2), tx(3));
  const id = await store.beginBase(3);
  await append(tx(4)); // while the base uploads
  for (const seq of [1, 2, 3]) await store.addToBase(id, tx(seq).bytes);
  await store.commitBase(id);
  await append(tx(5));
  await append(tx(6), tx(7));
}

/** What a restore gives for each seq: the base's records count as covering seq 1..3. */
function restored(frames: readonly MirrorFrame[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const f of frames)
    out.set(f.seq === 3 && out.size < 3 ? out.size + 1 : f.seq, new TextDecoder().decode(f.bytes));
  return out;
}

test('after a power cut at any step, every acknowledged transaction is restored', async () => {
  // How many disk operations a whole day takes, to cut at each of them.
  const probeDir = mkdtempSync(path.join(tmpdir(), 'power-cut-'));
  const probe = await PowerCutDisk.over([probeDir]);
  const probeStore = await MirrorStore.open(probeDir, probe);
  await day(probeStore, []);
  const steps = probe.steps;
  await probeStore.close();
  rmSync(probeDir, { recursive: true, force: true });
  expect(steps).toBeGreaterThan(20);

  for (let cutAt = 0; cutAt <= steps; cutAt++) {
    for (const seed of [0.1, 0.5, 0.9]) {
      const dir = mkdtempSync(path.join(tmpdir(), 'power-cut-'));
      try {
        const disk = await PowerCutDisk.over([dir], () => seed);
        const acked: MirrorFrame[] = [];
        disk.failAfter(cutAt);
        try {
          await day(await MirrorStore.open(dir, disk), acked);
        } catch {
          // the power went off at step `cutAt`
        }
        await disk.cut();

        const store = await MirrorStore.open(dir);
        const copy = await store.latestCopy();
        const got = restored(copy?.frames ?? []);
        for (const f of acked) {
          expect({ cutAt, seq: f.seq, text: got.get(f.seq) }).toEqual({
            cutAt,
            seq: f.seq,
            text: new TextDecoder().decode(f.bytes),
          });
        }
        // And it keeps working: the next transaction is appended and restored after the others.
        const next = Math.max(copy?.seq ?? 0, 7) + 1;
        await store.append([tx(next)]);
        expect((await store.latestCopy())!.frames.at(-1)!.seq).toBe(next);
        await store.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
});
