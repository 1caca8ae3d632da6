/**
 * File hand-off through the platform's dialogs: device cards (the invitee's
 * public keys, for the file-based invite) and bundles (a space's entries,
 * sealed to one device). Files are told apart by their magic bytes, so one
 * "Open a file" action takes either. Reading a file stores nothing: a bundle
 * is imported only once the person said yes to what it holds (SECURITY.md
 * "Device cards and invites").
 */
import type { DeviceCard, SpaceId } from '../../shared/crypto';
import type { SealedRosterApi } from '../../shared/ipc/api';
import { BUNDLE_EXTENSION, type OpenedFile } from '../../shared/ipc/contract';
import {
  cardSafetyNumber,
  exportBundle,
  exportDeviceCard,
  fileKind,
  importDeviceCard,
  readBundle,
  type BundlePreview,
  type ImportedBundle,
} from '../../shared/sync/bundle';
import type { Vault } from '../../shared/vault';

/** A card read, or a bundle imported (after the person said yes): what the Files panel shows. */
export type OpenedSharingFile =
  | { readonly kind: 'card'; readonly card: DeviceCard; readonly safetyNumber: string }
  | { readonly kind: 'bundle'; readonly bundle: ImportedBundle; readonly spaceName: string };

/** A card, or a bundle read and checked and not yet imported. */
export type ReadSharingFile =
  Extract<OpenedSharingFile, { kind: 'card' }> | { readonly kind: 'bundle'; readonly preview: BundlePreview };

/** Reads a device card or a bundle; stores nothing. Throws AppError('bad-bundle' | 'bad-device-card' | 'not-allowed' | ...). */
export async function readSharingFile(vault: Vault, file: OpenedFile): Promise<ReadSharingFile> {
  if (fileKind(file.bytes) === 'card') {
    const card = importDeviceCard(file.bytes);
    return { kind: 'card', card, safetyNumber: cardSafetyNumber(vault, card) };
  }
  return { kind: 'bundle', preview: await readBundle(vault, file.bytes) };
}

async function save(api: SealedRosterApi, suggestedName: string, bytes: Uint8Array): Promise<boolean> {
  // A plain ArrayBuffer-backed copy: what the contract (and structured cloning) expects.
  return (await api.dialog.saveBundle({ suggestedName, bytes: new Uint8Array(bytes) })).saved;
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
