/**
 * Admin actions on a space's organizers, as signed access entries
 * (shared/space builders through SpaceHandle.changeAccess). Removing a device
 * starts a new epoch sealed only to the others: the removed device keeps what
 * it already had and cannot read anything written afterwards.
 */
import type { DeviceCard, DeviceId, SpaceId } from '../../shared/crypto';
import { addDevice, removeDevice, setRole, type Role } from '../../shared/space';
import type { SpaceHandle, Vault } from '../../shared/vault';

/** The removed (or demoted) device's last content entry we hold: its later entries are refused everywhere. */
function contentCutoff(handle: SpaceHandle, device: DeviceId): number {
  return handle.heads().content.find((h) => h.author === device)?.seq ?? 0;
}

export async function changeRole(vault: Vault, space: SpaceId, device: DeviceId, role: Role): Promise<void> {
  const handle = await vault.openSpace(space);
  await handle.changeAccess((access, me) => setRole(access, me, device, role, contentCutoff(handle, device)));
}

export async function removeOrganizer(vault: Vault, space: SpaceId, device: DeviceId): Promise<void> {
  const handle = await vault.openSpace(space);
  await handle.changeAccess((access, me) => removeDevice(access, me, device, contentCutoff(handle, device)));
}

/** The file-based invite: the admin adds a device from its card (after comparing the safety number). */
export async function addOrganizer(vault: Vault, space: SpaceId, card: DeviceCard, role: Role): Promise<void> {
  const handle = await vault.openSpace(space);
  await handle.changeAccess((access, me) => addDevice(access, me, card, role));
}
