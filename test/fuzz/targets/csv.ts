/** The national membership list: decoding, parsing and the import plan against a roster (shared/csv). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import * as Y from 'yjs';
import { applyImport, parseNationalList, planImport } from '../../../shared/csv';
import { SpaceData } from '../../../shared/model/space-data';
import type { FuzzTarget } from '../harness';
import { mutatedBytes, mutatedText } from '../mutate';

const FIXTURES = path.join(__dirname, '..', '..', 'shared', 'csv', 'fixtures');

export function csvTarget(): FuzzTarget<string | Uint8Array> {
  const files = ['national-2020.csv', 'national-2021.csv', 'national-2022.csv', 'national-2023.csv'].map((f) =>
    readFileSync(path.join(FIXTURES, f), 'utf8'),
  );
  const data = new SpaceData(new Y.Doc(), 'fuzz-device');
  // A roster that already holds the newest list's members, so plans find changes and matches.
  applyImport(data, planImport(data, parseNationalList(files[3]!)));
  const encoder = new TextEncoder();
  return {
    name: 'csv',
    input: fc.oneof(mutatedText(files), mutatedBytes(files.map((f) => encoder.encode(f)))),
    run(input, attempt) {
      attempt(() => planImport(data, parseNationalList(input)));
    },
  };
}
