import type { PowerMonitor } from 'electron';
import type { SystemLockEvent } from '../../shared/ipc/contract';

/** The screen locks or the machine suspends → the renderer must lock the vault (drop its keys). */
export function onSystemLock(powerMonitor: Pick<PowerMonitor, 'on'>, lock: (reason: SystemLockEvent) => void): void {
  powerMonitor.on('lock-screen', () => lock('lock-screen'));
  powerMonitor.on('suspend', () => lock('suspend'));
}
