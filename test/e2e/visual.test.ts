/** The picture comparison (test/e2e/visual.ts) sees a blanked button and nothing on an identical picture. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHANGED_PIXELS, comparePictures, REFERENCE_DIR } from './visual';

const roster = path.join(REFERENCE_DIR, 'roster.en.light.png');

test('the roster with its Lock label painted over counts as changed; the same picture does not', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'visual-'));
  const blank = path.join(dir, 'blank.png');
  // The Lock button's label, top right of the 1024-pixel-wide top bar, painted the colour of the button.
  // (In plain Node: decoding a PNG inside Jest's sandbox takes half a minute.)
  const paint = `
    const { PNG } = require('pngjs');
    const fs = require('fs');
    const [from, to] = process.argv.slice(1);
    const p = PNG.sync.read(fs.readFileSync(from));
    for (let y = 14; y < 34; y++) for (let x = 955; x < 1003; x++) p.data.fill(255, (y * p.width + x) * 4, (y * p.width + x) * 4 + 3);
    fs.writeFileSync(to, PNG.sync.write(p));`;
  execFileSync(process.execPath, ['-e', paint, roster, blank]);
  const [same, blanked, missing] = comparePictures([
    { name: 'same', reference: roster, actual: roster, diff: path.join(dir, 'same.diff.png') },
    { name: 'blanked', reference: roster, actual: blank, diff: path.join(dir, 'blanked.diff.png') },
    { name: 'missing', reference: path.join(dir, 'none.png'), actual: blank, diff: path.join(dir, 'x.png') },
  ]);
  expect(same).toEqual({ name: 'same', changedPixels: 0 });
  expect(blanked!.changedPixels).toBeGreaterThan(CHANGED_PIXELS);
  expect(existsSync(path.join(dir, 'blanked.diff.png'))).toBe(true);
  expect(missing).toEqual({ name: 'missing', changedPixels: null });
});
