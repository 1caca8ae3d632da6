/**
 * Backups the organizer keeps in a folder of their choice (a USB stick, another disk), on a
 * schedule. A backup file is the newest complete copy of the backup folder in one file
 * (frames.ts, magic SRBACKP1): the same sealed records, so it opens only with the passphrase or
 * recovery key the vault had when it was made. Main writes it without any key, so a backup is
 * made on time even while the app is locked.
 */
import path from 'node:path';
import { z } from 'zod';
import type { Schedule } from '../../shared/ipc/contract';
import type { Disk } from './disk';
import { writeDurably } from './disk';
import { readJsonFile, writeJsonFile } from './json-file';

export const SETTINGS_FILE = 'external.json';
export const BACKUP_EXTENSION = 'srbackup';
/** Backup files of ours kept in the chosen folder; older ones are deleted after a new one is written. */
export const KEEP_EXTERNAL = 5;

export const SCHEDULE_MS: Record<Exclude<Schedule, 'off'>, number> = {
  daily: 24 * 60 * 60 * 1000,
  weekly: 7 * 24 * 60 * 60 * 1000,
};

export interface ExternalSettings {
  readonly v: 1;
  /** The chosen folder's full path (stays in main; the renderer sees its base name). */
  readonly folder: string | null;
  readonly every: Schedule;
  /** When the last backup was written there (ms), and why the last attempt failed, if it did. */
  readonly lastAt: number | null;
  readonly lastError: string | null;
}

export const NO_SETTINGS: ExternalSettings = { v: 1, folder: null, every: 'off', lastAt: null, lastError: null };

const settingsSchema = z.strictObject({
  v: z.literal(1),
  folder: z.string().min(1).nullable(),
  every: z.enum(['off', 'daily', 'weekly']),
  lastAt: z.number().nullable(),
  lastError: z.string().nullable(),
});

export async function readSettings(disk: Disk, dir: string): Promise<ExternalSettings> {
  return readJsonFile(disk, dir, SETTINGS_FILE, settingsSchema, { missing: NO_SETTINGS, unreadable: NO_SETTINGS });
}

export async function writeSettings(disk: Disk, dir: string, settings: ExternalSettings): Promise<void> {
  await writeJsonFile(disk, dir, SETTINGS_FILE, settings);
}

/** Whether a scheduled backup is due at `now`. */
export function isDue(settings: ExternalSettings, now: number): boolean {
  if (settings.every === 'off' || settings.folder === null) return false;
  return settings.lastAt === null || now - settings.lastAt >= SCHEDULE_MS[settings.every];
}

/** `sealed-roster-backup-2025-03-14-0930.srbackup` (local time: the organizer reads it in a file list). */
export function backupFileName(now: number): string {
  const d = new Date(now);
  const two = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}${two(d.getSeconds())}`;
  return `sealed-roster-backup-${stamp}.${BACKUP_EXTENSION}`;
}

const OURS = new RegExp(`^sealed-roster-backup-[0-9-]+\\.${BACKUP_EXTENSION}$`);

/** Writes one backup file into `folder` durably, then keeps only the newest KEEP_EXTERNAL of ours there. */
export async function writeBackupFile(
  disk: Disk,
  folder: string,
  parts: readonly Uint8Array[],
  now: number,
): Promise<string> {
  const name = backupFileName(now);
  await writeDurably(disk, folder, name, parts);
  const ours = (await disk.list(folder)).filter((n) => OURS.test(n)).sort();
  for (const old of ours.slice(0, Math.max(0, ours.length - KEEP_EXTERNAL))) await disk.remove(path.join(folder, old));
  return name;
}
