/**
 * The vault's second copy, outside the browser's store (ARCHITECTURE.md "The second copy"): a few
 * complete copies of the store (bases) and, after them, a journal of every committed transaction.
 * Main never reads what it keeps: each transaction arrives as opaque bytes the renderer encoded
 * from records that were already sealed.
 *
 *   base-<gen>.srm     start(S) ops… end(S): the store as of transaction S, written to a temporary
 *                      name, fsynced, renamed into place, directory fsynced
 *   journal-<gen>.srm  ops…: transactions appended after base <gen> was started, each write fsynced
 *                      before it is acknowledged
 *
 * Journals chain: restoring takes the newest complete base and every journal frame past it, in
 * order, so a damaged newest base falls back to an older one without losing a transaction. A torn
 * journal tail (a crash mid-append) is cut off before anything else is appended, so a torn frame
 * never ends up in the middle of the journal.
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { MirrorFrameWire, MirrorStatusWire } from '../../shared/ipc/contract';
import { nodeDisk, type Disk, type DiskFile } from './disk';
import { encodeFrame, encodeFrames, magicOf, parseFile, readCopy, type Frame } from './frames';

/** Complete bases kept; older bases, and journals they cover, are deleted once there are this many. */
export const KEEP_BASES = 3;

/** What `backup:status` reports of the copy (the contract's type). */
export type MirrorStatus = MirrorStatusWire;

/** One transaction in commit order: `seq` from the store, `bytes` opaque. */
export type MirrorFrame = MirrorFrameWire;

/** What a restore applies: a complete copy, then the journal past it. */
export interface MirrorCopy {
  /** The seq the store is at once every frame is applied. */
  readonly seq: number;
  readonly frames: MirrorFrame[];
  /** When the newest frame was written (ms), or null for an empty copy. */
  readonly at: number | null;
  /** Newer bases that were damaged and passed over (their transactions still come from the journal). */
  readonly skippedBases: number;
  /** A journal other than the one being written ended in a damaged frame: transactions after it may be missing. */
  readonly damaged: boolean;
}

interface BaseInfo {
  readonly gen: number;
  readonly covers: number;
  readonly bytes: number;
}

interface JournalInfo {
  readonly gen: number;
  maxSeq: number;
  bytes: number;
}

interface Upload {
  readonly id: string;
  readonly gen: number;
  readonly covers: number;
  readonly temp: string;
  readonly file: DiskFile;
}

const baseName = (gen: number): string => `base-${String(gen).padStart(8, '0')}.srm`;
const journalName = (gen: number): string => `journal-${String(gen).padStart(8, '0')}.srm`;
const GEN = /^(base|journal)-(\d{8})\.srm$/;

function storageFailed(what: string): AppError {
  return new AppError('storage-failed', `the backup copy could not be written: ${what}`);
}

export class MirrorStore {
  private queue: Promise<unknown> = Promise.resolve();
  private upload: Upload | null = null;
  private journal: DiskFile | null = null;
  /** A failed append could not be cut back: the journal must be repaired before the next one. */
  private tornAt: number | null = null;

  private constructor(
    private readonly dir: string,
    private readonly disk: Disk,
    private bases: BaseInfo[],
    private journals: JournalInfo[],
    private lastSeq: number,
    private lastWriteAt: number | null,
  ) {}

  /** Opens (creating) the folder, drops unfinished uploads and cuts a torn journal tail. */
  static async open(dir: string, disk: Disk = nodeDisk): Promise<MirrorStore> {
    await disk.mkdir(dir);
    const names = await disk.list(dir);
    for (const name of names)
      if (name.startsWith('.') && name.endsWith('.tmp')) await disk.remove(path.join(dir, name));
    const bases: BaseInfo[] = [];
    const journals: JournalInfo[] = [];
    let lastSeq = 0;
    let lastWriteAt: number | null = null;
    for (const name of names.sort()) {
      const match = GEN.exec(name);
      if (!match) continue;
      const gen = Number(match[2]);
      const file = path.join(dir, name);
      const bytes = (await disk.read(file)) ?? new Uint8Array();
      const parsed = parseFile(bytes);
      if (match[1] === 'base') {
        const copy = parsed.kind === 'base' ? readCopy(parsed) : null;
        if (copy) bases.push({ gen, covers: copy.covers, bytes: bytes.byteLength });
        if (copy) lastSeq = Math.max(lastSeq, copy.covers);
      } else {
        const maxSeq = parsed.frames.reduce((m, f) => Math.max(m, f.seq), 0);
        journals.push({ gen, maxSeq, bytes: parsed.kind === 'journal' ? parsed.validBytes : 0 });
        lastSeq = Math.max(lastSeq, maxSeq);
      }
      const at = await disk.modifiedAt(file);
      if (at !== null) lastWriteAt = Math.max(lastWriteAt ?? 0, at);
    }
    const store = new MirrorStore(dir, disk, bases, journals, lastSeq, lastWriteAt);
    await store.openJournal();
    return store;
  }

  private get gen(): number {
    return Math.max(0, ...this.bases.map((b) => b.gen), ...this.journals.map((j) => j.gen));
  }

  private current(): JournalInfo {
    const gen = this.gen;
    let info = this.journals.find((j) => j.gen === gen);
    if (!info) {
      info = { gen, maxSeq: 0, bytes: 0 };
      this.journals.push(info);
    }
    return info;
  }

  /** Opens the newest journal for appending: created if missing, replaced if unreadable, cut back if torn. */
  private async openJournal(): Promise<void> {
    const info = this.current();
    const file = path.join(this.dir, journalName(info.gen));
    const bytes = await this.disk.read(file);
    const parsed = bytes ? parseFile(bytes) : null;
    if (!parsed || parsed.kind !== 'journal') {
      if (parsed && parsed.frames.length === 0 && bytes && bytes.byteLength > 0) {
        // An unreadable header: keep the file's bytes out of the way, never append after them.
        await this.disk.rename(file, `${file}.damaged`);
      }
      const created = await this.disk.open(file, 'create');
      await created.write(magicOf('journal'));
      await created.sync();
      await created.close();
      await this.disk.syncDir(this.dir);
      info.bytes = magicOf('journal').byteLength;
    } else if (parsed.torn) {
      await this.disk.truncate(file, parsed.validBytes);
      info.bytes = parsed.validBytes;
    } else {
      info.bytes = parsed.validBytes;
    }
    this.journal = await this.disk.open(file, 'append');
    this.tornAt = null;
  }

  /** Runs storage work one after another: appends, uploads and switches never interleave. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined); // the caller gets `run` and its failure; the queue goes on
    return run;
  }

  status(): MirrorStatus {
    const newest = this.bases.reduce<BaseInfo | null>((b, x) => (!b || x.gen > b.gen ? x : b), null);
    const journalBytes = this.journals.filter((j) => j.gen >= (newest?.gen ?? 0)).reduce((n, j) => n + j.bytes, 0);
    return {
      lastSeq: this.lastSeq,
      bases: this.bases.length,
      baseBytes: newest?.bytes ?? 0,
      journalBytes,
      lastWriteAt: this.lastWriteAt,
    };
  }

  /**
   * Appends transactions and resolves once they are on the device. A seq the mirror already holds
   * is skipped (a retry after a lost reply); seqs must otherwise increase. On failure the journal
   * is cut back to where it was, so a partly written frame never stays in it.
   */
  append(frames: readonly MirrorFrame[]): Promise<MirrorStatus> {
    return this.serial(async () => {
      const fresh: Frame[] = [];
      let last = this.lastSeq;
      for (const f of frames) {
        if (f.seq <= this.lastSeq) continue;
        if (f.seq <= last) throw new AppError('ipc-bad-request', 'transactions must arrive in order');
        fresh.push({ kind: 'ops', seq: f.seq, payload: f.bytes });
        last = f.seq;
      }
      if (fresh.length === 0) return this.status();
      const info = this.current();
      const file = path.join(this.dir, journalName(info.gen));
      if (this.tornAt !== null) await this.repair(file);
      const bytes = encodeFrames(fresh);
      try {
        await this.journal!.write(bytes);
        await this.journal!.sync();
      } catch {
        this.tornAt = info.bytes;
        await this.repair(file).catch(() => undefined); // tried again before the next append (tornAt)
        throw storageFailed('the journal write failed');
      }
      info.bytes += bytes.byteLength;
      info.maxSeq = last;
      this.lastSeq = last;
      this.lastWriteAt = Date.now();
      return this.status();
    });
  }

  private async repair(file: string): Promise<void> {
    if (this.tornAt === null) return;
    await this.journal?.close().catch(() => undefined); // a handle that failed to write; the truncate decides
    await this.disk.truncate(file, this.tornAt);
    this.journal = await this.disk.open(file, 'append');
    this.tornAt = null;
  }

  /** Starts a new base covering the store as of `covers`; its records arrive with addToBase. */
  beginBase(covers: number): Promise<string> {
    return this.serial(async () => {
      await this.dropUpload();
      const gen = this.gen + 1;
      const temp = path.join(this.dir, `.${baseName(gen)}.tmp`);
      const file = await this.disk.open(temp, 'create');
      const upload: Upload = { id: randomUUID(), gen, covers, temp, file };
      try {
        await file.write(magicOf('base'));
        await file.write(encodeFrame({ kind: 'start', seq: covers, payload: new Uint8Array() }));
      } catch {
        // The write's failure is thrown below; closing the broken file is tidying.
        await file.close().catch(() => undefined);
        await this.disk.remove(temp);
        throw storageFailed('a new base could not be started');
      }
      this.upload = upload;
      return upload.id;
    });
  }

  addToBase(id: string, bytes: Uint8Array): Promise<void> {
    return this.serial(async () => {
      const upload = this.uploadOf(id);
      try {
        await upload.file.write(encodeFrame({ kind: 'ops', seq: upload.covers, payload: bytes }));
      } catch {
        await this.dropUpload();
        throw storageFailed('the new base could not be written');
      }
    });
  }

  /** Seals the base, moves it into place, starts its journal and deletes what no longer needs keeping. */
  commitBase(id: string): Promise<MirrorStatus> {
    return this.serial(async () => {
      const upload = this.uploadOf(id);
      try {
        await upload.file.write(encodeFrame({ kind: 'end', seq: upload.covers, payload: new Uint8Array() }));
        await upload.file.sync();
        await upload.file.close();
      } catch {
        await this.dropUpload();
        throw storageFailed('the new base could not be written');
      }
      this.upload = null;
      const name = baseName(upload.gen);
      await this.disk.rename(upload.temp, path.join(this.dir, name));
      const bytes = (await this.disk.read(path.join(this.dir, name)))?.byteLength ?? 0;
      this.bases.push({ gen: upload.gen, covers: upload.covers, bytes });
      this.lastSeq = Math.max(this.lastSeq, upload.covers);
      this.lastWriteAt = Date.now();
      await this.journal?.close();
      this.journal = null;
      await this.openJournal(); // creates journal-<gen> and syncs the directory (the base's rename with it)
      await this.prune();
      return this.status();
    });
  }

  private uploadOf(id: string): Upload {
    if (!this.upload || this.upload.id !== id) throw new AppError('ipc-bad-request', 'no such base upload');
    return this.upload;
  }

  private async dropUpload(): Promise<void> {
    const upload = this.upload;
    this.upload = null;
    if (!upload) return;
    await upload.file.close().catch(() => undefined); // a dropped upload: its temporary file goes next
    await this.disk.remove(upload.temp);
  }

  /** Once KEEP_BASES complete bases exist: older bases, and journals the oldest kept base covers, go. */
  private async prune(): Promise<void> {
    const kept = [...this.bases].sort((a, b) => b.gen - a.gen).slice(0, KEEP_BASES);
    const oldest = kept[kept.length - 1];
    if (kept.length < KEEP_BASES || !oldest) return;
    const names = await this.disk.list(this.dir);
    for (const name of names) {
      const match = GEN.exec(name);
      if (!match) continue;
      const gen = Number(match[2]);
      if (gen >= oldest.gen) continue;
      const journal = this.journals.find((j) => j.gen === gen);
      if (match[1] === 'journal' && journal && journal.maxSeq > oldest.covers) continue;
      await this.disk.remove(path.join(this.dir, name));
    }
    this.bases = this.bases.filter((b) => b.gen >= oldest.gen);
    this.journals = this.journals.filter((j) => j.gen >= oldest.gen || j.maxSeq > oldest.covers);
    await this.disk.syncDir(this.dir);
  }

  /**
   * The newest complete copy the folder can give: the newest base that reads whole (or, before any
   * base was pruned away, the empty store the first journal starts from), then every journal
   * frame past it in order. Null when there is nothing to restore.
   */
  latestCopy(): Promise<MirrorCopy | null> {
    return this.serial(async () => {
      const names = (await this.disk.list(this.dir)).filter((n) => GEN.test(n)).sort();
      const bases: { gen: number; covers: number; ops: Frame[] }[] = [];
      const journals: { gen: number; frames: Frame[]; torn: boolean; at: number | null }[] = [];
      for (const name of names) {
        const [, kind, genText] = GEN.exec(name)!;
        const file = path.join(this.dir, name);
        const parsed = parseFile((await this.disk.read(file)) ?? new Uint8Array());
        if (kind === 'base') {
          const copy = parsed.kind === 'base' ? readCopy(parsed) : null;
          bases.push({ gen: Number(genText), covers: copy?.covers ?? -1, ops: copy?.ops ?? [] });
        } else {
          journals.push({
            gen: Number(genText),
            frames: parsed.kind === 'journal' ? parsed.frames : [],
            torn: parsed.torn,
            at: await this.disk.modifiedAt(file),
          });
        }
      }
      const complete = bases.filter((b) => b.covers >= 0).sort((a, b) => b.gen - a.gen);
      const hasOrigin = journals.some((j) => j.gen === 0);
      const chosen = complete[0] ?? (hasOrigin ? { gen: 0, covers: 0, ops: [] } : null);
      if (!chosen) return null;
      const skippedBases = bases.filter((b) => b.gen > chosen.gen).length;
      const frames: MirrorFrame[] = chosen.ops.map((f) => ({ seq: chosen.covers, bytes: f.payload }));
      let seq = chosen.covers;
      let at: number | null = null;
      let damaged = false;
      const newestJournal = Math.max(...journals.map((j) => j.gen));
      for (const journal of journals.sort((a, b) => a.gen - b.gen)) {
        if (journal.torn && journal.gen !== newestJournal) damaged = true;
        for (const f of journal.frames) {
          if (f.kind !== 'ops' || f.seq <= seq) continue;
          frames.push({ seq: f.seq, bytes: f.payload });
          seq = f.seq;
          at = journal.at;
        }
      }
      const baseAt = complete[0] ? await this.disk.modifiedAt(path.join(this.dir, baseName(chosen.gen))) : null;
      return { seq, frames, at: at ?? baseAt, skippedBases, damaged };
    });
  }

  /** The newest complete copy as one backup file's bytes (start, every transaction, end). */
  async exportCopy(): Promise<Uint8Array[] | null> {
    const copy = await this.latestCopy();
    if (!copy) return null;
    return [
      magicOf('backup'),
      encodeFrame({ kind: 'start', seq: copy.seq, payload: new Uint8Array() }),
      ...copy.frames.map((f) => encodeFrame({ kind: 'ops', seq: f.seq, payload: f.bytes })),
      encodeFrame({ kind: 'end', seq: copy.seq, payload: new Uint8Array() }),
    ];
  }

  close(): Promise<void> {
    return this.serial(async () => {
      await this.dropUpload();
      await this.journal?.close();
      this.journal = null;
    });
  }
}
