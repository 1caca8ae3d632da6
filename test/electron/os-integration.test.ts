/** OS integration: bundles opened from the OS, and screen lock / sleep → renderer lock. */
import { onSystemLock } from '../../electron/os/lock';
import { BundleInbox, bundlePathsFromArgv, MAX_PENDING_BUNDLES } from '../../electron/os/opened-bundles';
import type { SystemLockEvent, OpenedFile } from '../../shared/ipc/contract';
import { AppError } from '../../shared/errors';
import { FakeEmitter } from './fakes';

describe('bundlePathsFromArgv', () => {
  it('keeps bundle files, drops flags and other files', () => {
    const argv = [
      '/opt/Sealed Roster/sealed-roster',
      '--no-sandbox',
      '/home/a/chapter.sroster',
      'notes.txt',
      'C:\\x\\B.SROSTER',
      '--x=a.sroster',
    ];
    expect(bundlePathsFromArgv(argv)).toEqual(['/home/a/chapter.sroster', 'C:\\x\\B.SROSTER']);
  });
});

describe('BundleInbox', () => {
  const file = (name: string): OpenedFile => ({ name, bytes: new Uint8Array([1]) });
  function inbox(rendererThere = true) {
    const delivered: OpenedFile[] = [];
    const errors: unknown[] = [];
    const box = new BundleInbox({
      read: async (p) => {
        if (p.includes('broken')) throw new AppError('file-too-large', 'too large');
        return file(p);
      },
      deliver: (f) => rendererThere && delivered.push(f) > 0,
      onError: (e) => errors.push(e),
    });
    return { box, delivered, errors };
  }

  it('queues files until the renderer takes them, then delivers directly', async () => {
    const { box, delivered } = inbox();
    await box.open('early.sroster');
    expect(delivered).toEqual([]);
    expect(box.take()).toEqual([file('early.sroster')]);
    expect(box.take()).toEqual([]);
    await box.open('later.sroster');
    expect(delivered).toEqual([file('later.sroster')]);
  });

  it('queues again after the page reloads, and when no window can take the file', async () => {
    const { box, delivered } = inbox();
    box.take();
    box.rendererGone();
    await box.open('during-reload.sroster');
    expect(delivered).toEqual([]);
    expect(box.take()).toEqual([file('during-reload.sroster')]);

    const closed = inbox(false);
    closed.box.take();
    await closed.box.open('no-window.sroster');
    expect(closed.box.take()).toEqual([file('no-window.sroster')]);
  });

  it('reports an unreadable file instead of throwing into the OS event', async () => {
    const { box, errors } = inbox();
    await expect(box.open('broken.sroster')).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(box.take()).toEqual([]);
  });

  it('keeps at most MAX_PENDING_BUNDLES waiting, dropping the oldest', async () => {
    const { box } = inbox();
    for (let i = 0; i < MAX_PENDING_BUNDLES + 2; i++) await box.open(`f${i}.sroster`);
    const taken = box.take();
    expect(taken).toHaveLength(MAX_PENDING_BUNDLES);
    expect(taken[0]?.name).toBe('f2.sroster');
  });
});

describe('onSystemLock (with a fake powerMonitor)', () => {
  it('locks the renderer when the screen locks and when the machine suspends', () => {
    const powerMonitor = new FakeEmitter();
    const reasons: SystemLockEvent[] = [];
    onSystemLock(powerMonitor as never, (r) => reasons.push(r));
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('suspend');
    powerMonitor.emit('resume');
    expect(reasons).toEqual(['lock-screen', 'suspend']);
  });
});
