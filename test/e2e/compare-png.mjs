/**
 * Compares screenshots with their reference images (test/e2e/visual.ts runs it in plain Node: decoding
 * PNGs inside Jest's module sandbox is twenty times slower). Reads a JSON list of
 * { name, reference, actual, diff } on stdin and prints [{ name, changedPixels }] (null for a
 * different size or no reference); writes the diff picture where something changed.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import pixelmatch from 'pixelmatch';
import pngjs from 'pngjs';

const { PNG } = pngjs;
/** Per-pixel colour distance pixelmatch ignores (0..1): anti-aliasing noise, not a change. */
const PIXEL_THRESHOLD = 0.1;

const jobs = JSON.parse(readFileSync(0, 'utf8'));
const results = jobs.map(({ name, reference, actual, diff }) => {
  if (!existsSync(reference)) return { name, changedPixels: null };
  const a = PNG.sync.read(readFileSync(reference));
  const b = PNG.sync.read(readFileSync(actual));
  if (a.width !== b.width || a.height !== b.height) return { name, changedPixels: null };
  const out = new PNG({ width: a.width, height: a.height });
  const changed = pixelmatch(a.data, b.data, out.data, a.width, a.height, { threshold: PIXEL_THRESHOLD });
  if (changed > 0) writeFileSync(diff, PNG.sync.write(out));
  return { name, changedPixels: changed };
});
process.stdout.write(JSON.stringify(results));
