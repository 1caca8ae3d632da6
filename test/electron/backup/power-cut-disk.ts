/**
 * A power cut, on real files. It wraps the real Disk and remembers what a power loss would keep:
 * a file's data as of its last sync, and a directory's names as of its last syncDir (a created,
 * renamed or removed name is not durable until its directory is synced). `cut()` then rewrites the
 * real folder to exactly that, except that data written after a file's last sync survives as a
 * random prefix (a disk may have flushed part of it: a torn tail). `failAfter(n)` makes every
 * operation after the next n throw, like a process that died at that step.
 */
import path from 'node:path';
import { nodeDisk, type Disk, type DiskFile } from '../../../electron/backup/disk';

interface Inode {
  /** Data as of the last sync (null: never synced, a power cut leaves it empty). */
  durable: Uint8Array | null;
}

export class PowerDown extends Error {
  constructor() {
    super('the power is off');
  }
}

export class PowerCutDisk implements Disk {
  private readonly names = new Map<string, Inode>();
  private readonly durableNames = new Map<string, Map<string, Inode>>();
  private budget = Number.POSITIVE_INFINITY;
  private readonly real: Disk = nodeDisk;
  /** Handles still open when the power goes (closed by the cut, as a dying process's are). */
  private readonly handles = new Set<DiskFile>();
  /** Operations performed so far (to pick failure points). */
  steps = 0;

  private constructor(private readonly random: () => number) {}

  /** Starts with every file already in `dirs` durable as it is. */
  static async over(dirs: readonly string[], random: () => number = Math.random): Promise<PowerCutDisk> {
    const disk = new PowerCutDisk(random);
    for (const dir of dirs) {
      const durable = new Map<string, Inode>();
      for (const name of await nodeDisk.list(dir)) {
        const inode = { durable: await nodeDisk.read(path.join(dir, name)) };
        disk.names.set(path.join(dir, name), inode);
        durable.set(name, inode);
      }
      disk.durableNames.set(dir, durable);
    }
    return disk;
  }

  /** Every operation after the next `n` throws PowerDown. */
  failAfter(n: number): void {
    this.budget = n;
  }

  private step(): void {
    this.steps++;
    if (this.budget <= 0) throw new PowerDown();
    this.budget--;
  }

  private inode(file: string): Inode {
    let inode = this.names.get(file);
    if (!inode) {
      inode = { durable: null };
      this.names.set(file, inode);
    }
    return inode;
  }

  async open(file: string, mode: 'append' | 'create' | 'overwrite'): Promise<DiskFile> {
    this.step();
    const real = await this.real.open(file, mode);
    this.handles.add(real);
    const inode = this.inode(file);
    return {
      write: async (bytes) => {
        this.step();
        // Even a write cut short by the power leaves part of itself: write a random prefix, then stop.
        if (this.budget <= 0) {
          await real.write(bytes.subarray(0, Math.floor(this.random() * bytes.byteLength)));
          throw new PowerDown();
        }
        await real.write(bytes);
      },
      sync: async () => {
        this.step();
        await real.sync();
        inode.durable = await this.real.read(this.nameOf(inode) ?? file);
      },
      close: async () => {
        this.handles.delete(real);
        await real.close();
      },
    };
  }

  private nameOf(inode: Inode): string | undefined {
    for (const [name, i] of this.names) if (i === inode) return name;
    return undefined;
  }

  async read(file: string): Promise<Uint8Array | null> {
    this.step();
    return this.real.read(file);
  }

  async list(dir: string): Promise<string[]> {
    this.step();
    return this.real.list(dir);
  }

  async rename(from: string, to: string): Promise<void> {
    this.step();
    await this.real.rename(from, to);
    const inode = this.names.get(from);
    this.names.delete(from);
    if (inode) this.names.set(to, inode);
  }

  async remove(file: string): Promise<void> {
    this.step();
    await this.real.remove(file);
    this.names.delete(file);
  }

  async truncate(file: string, length: number): Promise<void> {
    this.step();
    await this.real.truncate(file, length);
    // Like a write: durable once the file is synced (MirrorStore syncs before appending after a cut).
  }

  async syncDir(dir: string): Promise<void> {
    this.step();
    await this.real.syncDir(dir);
    const durable = new Map<string, Inode>();
    for (const [file, inode] of this.names) if (path.dirname(file) === dir) durable.set(path.basename(file), inode);
    this.durableNames.set(dir, durable);
  }

  async mkdir(dir: string): Promise<void> {
    this.step();
    await this.real.mkdir(dir);
    if (!this.durableNames.has(dir)) this.durableNames.set(dir, new Map());
  }

  modifiedAt(file: string): Promise<number | null> {
    return this.real.modifiedAt(file);
  }

  /** The power goes: every tracked folder becomes what a disk would hold afterwards. */
  async cut(): Promise<void> {
    for (const handle of this.handles) await handle.close().catch(() => undefined);
    this.handles.clear();
    const current = new Map<Inode, Uint8Array>();
    for (const [file, inode] of this.names) {
      const bytes = await nodeDisk.read(file);
      if (bytes) current.set(inode, bytes);
    }
    this.names.clear();
    for (const [dir, durable] of this.durableNames) {
      for (const name of await nodeDisk.list(dir)) await nodeDisk.remove(path.join(dir, name));
      for (const [name, inode] of durable) {
        const kept = inode.durable ?? new Uint8Array();
        const now = current.get(inode);
        // Data written after the last sync may have reached the disk in part, if it extends what was synced.
        const extends_ = now && now.byteLength > kept.byteLength && startsWith(now, kept);
        const bytes = extends_
          ? now.subarray(0, kept.byteLength + Math.floor(this.random() * (now.byteLength - kept.byteLength + 1)))
          : kept;
        const file = await nodeDisk.open(path.join(dir, name), 'create');
        await file.write(bytes);
        await file.close();
      }
    }
  }
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.byteLength > bytes.byteLength) return false;
  for (let i = 0; i < prefix.byteLength; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}
