/** The contract's crash-safety and backup channels (`backup:`, `mirror:`, `vault:`, `app:readyToClose`) on a BackupService. */
import type { Handlers } from '../ipc/handlers';
import type { BackupService } from './service';

type BackupChannel =
  | 'backup:status'
  | 'mirror:append'
  | 'mirror:beginBase'
  | 'mirror:addToBase'
  | 'mirror:commitBase'
  | 'mirror:openCopy'
  | 'mirror:readCopy'
  | 'mirror:closeCopy'
  | 'vault:mark'
  | 'vault:unlockFailed'
  | 'vault:unlocked'
  | 'vault:setWipeAfter'
  | 'vault:erase'
  | 'backup:chooseFolder'
  | 'backup:setSchedule'
  | 'backup:saveNow'
  | 'app:readyToClose';

export function createBackupHandlers(
  backups: BackupService,
  /** The renderer has locked: let the closing window go (window/close-guard.ts). */
  readyToClose: () => void,
): Pick<Handlers, BackupChannel> {
  return {
    'backup:status': () => backups.status(),
    'mirror:append': (r) => backups.append(r.frames),
    'mirror:beginBase': async (r) => ({ uploadId: await backups.beginBase(r.covers) }),
    'mirror:addToBase': (r) => backups.addToBase(r.uploadId, r.bytes),
    'mirror:commitBase': (r) => backups.commitBase(r.uploadId),
    'mirror:openCopy': (r) => backups.openCopy(r.source),
    'mirror:readCopy': (r) => backups.readCopy(r.copyId, r.from),
    'mirror:closeCopy': (r) => backups.closeCopy(r.copyId),
    'vault:mark': () => backups.markVault(),
    'vault:unlockFailed': () => backups.unlockFailed(),
    'vault:unlocked': () => backups.unlocked(),
    'vault:setWipeAfter': (r) => backups.setWipeAfter(r.wipeAfter),
    'vault:erase': () => backups.erase(),
    'backup:chooseFolder': () => backups.chooseFolder(),
    'backup:setSchedule': (r) => backups.setSchedule(r.every),
    'backup:saveNow': () => backups.saveNow(),
    'app:readyToClose': async () => readyToClose(),
  };
}
