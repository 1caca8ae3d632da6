/**
 * The sharing screens' admin actions on a space's organizers. The rules (the removal cutoff, the
 * signed entry, the new epoch after a removal) live in shared/vault/access-admin.ts; this only opens
 * the space and hands the action on.
 */
import type { DeviceCard, DeviceId, SpaceId } from '../../shared/crypto';
import type { Role } from '../../shared/space';
import { AccessAdmin, type Vault } from '../../shared/vault';

async function adminOf(vault: Vault, space: SpaceId): Promise<AccessAdmin> {
  return new AccessAdmin(await vault.openSpace(space), vault.deviceIdentity());
}

export async function changeRole(vault: Vault, space: SpaceId, device: DeviceId, role: Role): Promise<void> {
  await (await adminOf(vault, space)).setRole(device, role);
}

export async function removeOrganizer(vault: Vault, space: SpaceId, device: DeviceId): Promise<void> {
  await (await adminOf(vault, space)).remove(device);
}

/** The file-based invite: the admin adds a device from its card (after comparing the safety number). */
export async function addOrganizer(vault: Vault, space: SpaceId, card: DeviceCard, role: Role): Promise<void> {
  await (await adminOf(vault, space)).add(card, role);
}
