/**
 * Small JSON files of the backup folder (the marker, the folder-backup settings): read through a
 * schema, written durably (ARCHITECTURE.md "The second copy").
 */
import path from 'node:path';
import type { z } from 'zod';
import type { Disk } from './disk';
import { writeDurably } from './disk';

/** The file's value; `missing` when there is no file, `unreadable` when it does not parse or fit the schema. */
export async function readJsonFile<T, F>(
  disk: Disk,
  dir: string,
  name: string,
  schema: z.ZodType<T>,
  fallbacks: { readonly missing: F; readonly unreadable: T },
): Promise<T | F> {
  const bytes = await disk.read(path.join(dir, name));
  if (bytes === null) return fallbacks.missing;
  try {
    return schema.parse(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    return fallbacks.unreadable; // a damaged file reads as the caller's safe default
  }
}

export async function writeJsonFile(disk: Disk, dir: string, name: string, value: unknown): Promise<void> {
  await disk.mkdir(dir);
  await writeDurably(disk, dir, name, [new TextEncoder().encode(JSON.stringify(value))]);
}
