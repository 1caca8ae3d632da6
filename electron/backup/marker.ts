/**
 * The marker beside the backup copy: "a vault existed on this computer", so that a store the
 * browser lost or deleted is never mistaken for a first run. It also keeps the organizer's
 * choice to erase the vault after N wrong passphrases, and the count so far, because both must
 * be read before anything is unlocked. Nothing in it is secret (SECURITY.md "Key hygiene and the
 * seized laptop"); it is written like every file here: temporary name, fsync, rename.
 */
import { z } from 'zod';
import type { Disk } from './disk';
import { readJsonFile, writeJsonFile } from './json-file';

export const MARKER_FILE = 'marker.json';

export interface Marker {
  readonly v: 1;
  /** Erase the vault after this many wrong passphrases or recovery keys in a row; null: never. */
  readonly wipeAfter: number | null;
  /** Wrong attempts since the last unlock. */
  readonly failures: number;
}

export const NEW_MARKER: Marker = { v: 1, wipeAfter: null, failures: 0 };

const markerSchema = z.strictObject({
  v: z.literal(1),
  wipeAfter: z.number().int().min(1).max(1000).nullable(),
  failures: z.number().int().min(0),
});

/**
 * The marker, or null when there is none. A marker that cannot be read still says a vault
 * existed (with no erase setting): the safe reading of a damaged file is "not a first run".
 */
export async function readMarker(disk: Disk, dir: string): Promise<Marker | null> {
  return readJsonFile(disk, dir, MARKER_FILE, markerSchema, { missing: null, unreadable: NEW_MARKER });
}

export async function writeMarker(disk: Disk, dir: string, marker: Marker): Promise<void> {
  await writeJsonFile(disk, dir, MARKER_FILE, marker);
}
