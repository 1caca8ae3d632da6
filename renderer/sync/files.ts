/**
 * File hand-off through the platform's dialogs: device cards (the invitee's
 * public keys, for the file-based invite) and bundles (a space's entries,
 * sealed to one device). Files are told apart by their magic bytes, so one
 * "Open a file" action takes either.
 */
import { utf8Decode, type DeviceCard, type SpaceId } from '../../shared/crypto';
import type { SealedRosterApi } from '../../shared/ipc/api';
import { BUNDLE_EXTENSION, type OpenedFile } from '../../shared/ipc/contract';
import { appErrorFromIpc } from '../../shared/ipc/result';
import {
  cardSafetyNumber,
  exportBundle,
  exportDeviceCard,
  importBundle,
  importDeviceCard,
  type ImportedBundle,
} from '../../shared/sync/bundle';
import type { Vault } from '../../shared/vault';

export type OpenedSharingFile =
  | { readonly kind: 'card'; readonly card: DeviceCard; readonly safetyNumber: string }
  | { readonly kind: 'bundle'; readonly bundle: ImportedBundle; readonly spaceName: string };

/** Reads a device card or imports a bundle. Throws AppError('bad-bundle' | 'not-allowed' | ...); nothing is stored then. */
export async function openSharingFile(vault: Vault, file: OpenedFile): Promise<OpenedSharingFile> {
  const magic = file.bytes.length >= 4 ? utf8Decode(file.bytes.subarray(0, 4)) : '';
  if (magic === 'SRC1') {
    const card = importDeviceCard(file.bytes);
    return { kind: 'card', card, safetyNumber: cardSafetyNumber(vault, card) };
  }
  const bundle = await importBundle(vault, file.bytes);
  const handle = await vault.openSpace(bundle.space);
  return { kind: 'bundle', bundle, spaceName: handle.name };
}

async function save(api: SealedRosterApi, suggestedName: string, bytes: Uint8Array): Promise<boolean> {
  try {
    // A plain ArrayBuffer-backed copy: what the contract (and structured cloning) expects.
    return (await api.dialog.saveBundle({ suggestedName, bytes: new Uint8Array(bytes) })).saved;
  } catch (e) {
    throw appErrorFromIpc(e);
  }
}

/** Saves this device's card (public keys only). False when the person cancelled. */
export function saveDeviceCard(vault: Vault, api: SealedRosterApi): Promise<boolean> {
  return save(api, `device-card.${BUNDLE_EXTENSION}`, exportDeviceCard(vault));
}

/** Saves everything of the space, sealed to `to`. False when the person cancelled. */
export async function saveBundle(vault: Vault, api: SealedRosterApi, space: SpaceId, to: DeviceCard): Promise<boolean> {
  const handle = await vault.openSpace(space);
  return save(api, `space-bundle.${BUNDLE_EXTENSION}`, await exportBundle(vault, handle, { to }));
}
