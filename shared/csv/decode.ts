/**
 * Bytes of a chosen file → text, refusing what is not a UTF-8 CSV before any
 * parsing: an Excel workbook, a UTF-16 export, a Latin-1 file (its accents
 * would turn into garbage in member names), binary data, an enormous file.
 */
import { BadCsvError } from './bad-csv';

/** Largest file accepted: a 10,000-member national list with every column is about 5 MB. */
export const MAX_CSV_BYTES = 32 * 1024 * 1024;

// shared/ has no DOM types; TextDecoder exists in every runtime we target (browsers, Node ≥ 11).
type Utf8Decoder = { decode(bytes: Uint8Array): string };
const TextDecoderImpl = (
  globalThis as unknown as { TextDecoder: new (label: 'utf-8', opts: { fatal: boolean }) => Utf8Decoder }
).TextDecoder;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Decodes and checks a file; throws BadCsvError. The BOM Excel writes is removed. */
export function decodeCsv(input: string | Uint8Array): string {
  const text = typeof input === 'string' ? checkText(input) : decodeBytes(input);
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) throw new BadCsvError('empty');
  return body;
}

function decodeBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new BadCsvError('empty');
  if (bytes.length > MAX_CSV_BYTES) throw new BadCsvError('too-large');
  // .xlsx is a zip archive, .xls an OLE compound file: the user picked the workbook, not its CSV export.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    throw new BadCsvError('spreadsheet');
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) throw new BadCsvError('encoding');
  if (bytes.includes(0)) throw new BadCsvError('not-text');
  try {
    return new TextDecoderImpl('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new BadCsvError('encoding');
  }
}

function checkText(text: string): string {
  // A JS string's length counts UTF-16 units: at most 3 UTF-8 bytes each, at least 1.
  if (text.length > MAX_CSV_BYTES) throw new BadCsvError('too-large');
  if (text.includes('\u0000')) throw new BadCsvError('not-text');
  // U+FFFD is what a lenient decoder left where the bytes were not UTF-8.
  if (text.includes('\uFFFD')) throw new BadCsvError('encoding');
  return text;
}
