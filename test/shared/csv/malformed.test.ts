import { applyImport, MAX_CSV_BYTES, MAX_CSV_ROWS, parseNationalList, planImport } from '../../../shared/csv';
import type { BadCsvReason, BadCsvError } from '../../../shared/csv';
import { isAppError } from '../../../shared/errors';
import { csv, fixture, snapshot, space } from './helpers';

const encoder = new TextEncoder();

/** The whole import as the screen runs it: parse, plan, apply. */
function importInto(data: ReturnType<typeof space>, input: string | Uint8Array) {
  return applyImport(data, planImport(data, parseNationalList(input)));
}

function refused(input: string | Uint8Array): BadCsvError {
  const data = space();
  importInto(data, fixture('national-2023.csv'));
  const before = snapshot(data);
  let error: unknown;
  try {
    importInto(data, input);
  } catch (e) {
    error = e;
  }
  expect(isAppError(error, 'bad-csv')).toBe(true);
  expect(snapshot(data)).toEqual(before);
  expect(data.members.size).toBe(2);
  return error as BadCsvError;
}

type Case = { name: string; input: string | Uint8Array; reason: BadCsvReason; line?: number };
const cases: Case[] = [
  { name: 'an empty file', input: new Uint8Array(), reason: 'empty' },
  { name: 'only blank lines and a BOM', input: '\uFEFF\r\n\r\n  \n', reason: 'empty' },
  {
    name: 'an Excel workbook (.xlsx is a zip)',
    input: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]),
    reason: 'spreadsheet',
  },
  {
    name: 'an old Excel workbook (.xls)',
    input: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]),
    reason: 'spreadsheet',
  },
  { name: 'a UTF-16 export', input: new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x4b, 0x00]), reason: 'encoding' },
  {
    name: 'a Latin-1 file (é as one byte)',
    input: new Uint8Array([...encoder.encode('AK_ID,first_name\n1,Ren'), 0xe9, 0x0a]),
    reason: 'encoding',
  },
  { name: 'text a lenient decoder already mangled', input: csv('AK_ID,first_name', '1,Ren\uFFFD'), reason: 'encoding' },
  { name: 'binary data', input: new Uint8Array([0x41, 0x4b, 0x00, 0x00, 0x13, 0x37]), reason: 'not-text' },
  {
    name: 'a letter, not a CSV',
    input: 'Dear organizers,\nplease find the list attached.\n',
    reason: 'no-id-column',
    line: 1,
  },
  { name: 'names but no id column', input: csv('first_name,last_name', 'Ana,Ruiz'), reason: 'no-id-column', line: 1 },
  {
    name: 'a known column twice',
    input: csv('AK_ID,Email,email', '1,a@example.org,b@example.org'),
    reason: 'duplicate-column',
    line: 1,
  },
  {
    name: 'an unquoted comma that shifts the row',
    input: csv('AK_ID,union_member,student_yes_no,race', '1,Yes, current union member,no,'),
    reason: 'ragged',
    line: 2,
  },
  {
    name: 'no row with as many cells as the header (a header row of another file)',
    input: csv('AK_ID,first_name,Email,Zip', '1,Ana,ana@example.org', '2,Ben,ben@example.org'),
    reason: 'ragged',
    line: 2,
  },
  { name: 'an unclosed quote', input: csv('AK_ID,first_name', '1,"Ana', '2,Ben'), reason: 'unreadable' },
];

test.each(cases)('$name → bad-csv ($reason), nothing written', ({ input, reason, line }) => {
  const error = refused(input);
  expect(error.reason).toBe(reason);
  if (line !== undefined) expect(error.line).toBe(line);
});

test('a file beyond the stated size limit → bad-csv (too-large), read no further', () => {
  const big = new Uint8Array(MAX_CSV_BYTES + 1).fill(0x41);
  expect(refused(big).reason).toBe('too-large');
});

test('more rows than the stated limit → bad-csv (too-many-rows)', () => {
  const text = 'AK_ID\n' + '1\n'.repeat(MAX_CSV_ROWS + 1);
  expect(refused(text).reason).toBe('too-many-rows');
});

test('the error message names the reason and line, never a value from the file', () => {
  const error = refused(csv('AK_ID,first_name,Email', '1,"Secretname', '2,Othername,secret@example.org'));
  expect(error.message).toBe('csv refused: unreadable at line 2');
  expect(error.message).not.toMatch(/Secretname|Othername|secret/);
});
