import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { SpaceData } from '../../../shared/model';

/** The bytes of a fixture file, as the platform's open dialog would hand them over. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(__dirname, 'fixtures', name)));
}

/** An empty space with predictable ids (no libsodium needed). */
export function space(): SpaceData {
  let n = 0;
  return new SpaceData(new Y.Doc(), 'dev-A', { now: () => 1_700_000_000_000, newId: () => `m${++n}` });
}

/** Everything the doc holds, for "nothing was written" checks. */
export function snapshot(data: SpaceData): Uint8Array {
  return Y.encodeStateAsUpdate(data.doc);
}

export function csv(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
