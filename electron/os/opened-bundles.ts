/**
 * Bundle files the OS asks us to open (double-click / "Open with": argv on Windows and Linux,
 * `open-file` on macOS, a second launch forwarded by the single-instance lock). They can arrive
 * before the renderer listens, so they wait in a small queue until the renderer takes them.
 */
import { BUNDLE_EXTENSION, type OpenedFile } from '../../shared/ipc/contract';

/** At most this many files wait for the renderer; older ones are dropped first. */
export const MAX_PENDING_BUNDLES = 8;

/** The bundle paths among a command line's arguments (flags and other files are ignored). */
export function bundlePathsFromArgv(argv: readonly string[]): string[] {
  const suffix = `.${BUNDLE_EXTENSION}`;
  return argv.filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(suffix));
}

export interface BundleInboxDeps {
  readonly read: (file: string) => Promise<OpenedFile>;
  /** Sends `bundle:opened` to the renderer; false when there is no renderer to send to. */
  readonly deliver: (file: OpenedFile) => boolean;
  /** A file that could not be read (too large, vanished): reported, never thrown into the OS event. */
  readonly onError: (error: unknown) => void;
}

export class BundleInbox {
  private pending: OpenedFile[] = [];
  private rendererListening = false;

  constructor(private readonly deps: BundleInboxDeps) {}

  async open(file: string): Promise<void> {
    let opened: OpenedFile;
    try {
      opened = await this.deps.read(file);
    } catch (error) {
      this.deps.onError(error);
      return;
    }
    if (this.rendererListening && this.deps.deliver(opened)) return;
    this.pending.push(opened);
    if (this.pending.length > MAX_PENDING_BUNDLES) this.pending.shift();
  }

  /** The renderer is ready (`bundle:takePending`): returns what waited and delivers later files directly. */
  take(): OpenedFile[] {
    this.rendererListening = true;
    const waiting = this.pending;
    this.pending = [];
    return waiting;
  }

  /** The page reloaded or the window closed: queue again until the renderer asks. */
  rendererGone(): void {
    this.rendererListening = false;
  }
}
