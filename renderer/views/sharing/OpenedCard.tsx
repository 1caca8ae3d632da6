/**
 * A device card was opened (by the OS, a double-click or "Open with", or from Sharing's Files
 * panel): wherever the person is in the app, this asks before the device gets any key. Adding a
 * device seals the space's keys to its box key, so the admin first sees which device, chooses the
 * space and the role, and compares the safety number (over both keys of both devices) with the
 * person who sent the card; only "The numbers match" adds it (SECURITY.md "Device cards and
 * invites"). Afterwards it offers to save the bundle that goes back. A modal <dialog>: focus stays
 * in it, Escape cancels, "Cancel" has the focus first.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SafetyNumber } from './SafetyNumber';
import { RoleOptions } from './RoleOptions';
import type { DeviceId, SpaceId } from '../../../shared/crypto';
import type { Role } from '../../../shared/space';
import type { Vault } from '../../../shared/vault';
import { ErrorText } from '../../components/ErrorText';
import { NewsText, useStatusLine } from '../../components/StatusLine';
import { Select } from '../../components/fields';
import { spaceLabels } from '../../components/space-names';
import { getPlatform } from '../../platform';
import { useSyncService, useSyncState } from '../../sync/context';
import type { OpenedSharingFile } from '../../sync/files';
import { saveBundle } from '../../sync/files';
import { addOrganizer } from '../../sync/organizers';
import { shortDevice } from './words';
import { ModalDialog } from '../../components/ModalDialog';

type Card = Extract<OpenedSharingFile, { kind: 'card' }>;

/** A space this device administers that the card's device is not yet an organizer of. */
interface Choice {
  readonly id: SpaceId;
  readonly name: string;
}

/** The spaces an admin may add `device` to, the current one first. */
async function spacesToAddTo(vault: Vault, device: DeviceId, current: string | null): Promise<Choice[]> {
  const choices: Choice[] = [];
  for (const summary of await vault.listSpaces()) {
    // A space that cannot open is told where it is opened; it is simply not offered here.
    const handle = await vault.openSpace(summary.id).catch(() => undefined);
    if (!handle || handle.access.roleOf(vault.device.id) !== 'admin') continue;
    if (handle.access.roleOf(device) !== undefined) continue;
    choices.push({ id: summary.id, name: summary.name });
  }
  return choices.sort((a, b) => Number(b.id === current) - Number(a.id === current));
}

export function OpenedCard({ current }: { current: string | null }) {
  const { t } = useTranslation();
  const service = useSyncService();
  const { opened } = useSyncState();
  const id = useId();
  const card: Card | null = opened?.kind === 'card' ? opened : null;
  const [dismissed, setDismissed] = useState<Card | null>(null);
  const [choices, setChoices] = useState<Choice[] | null>(null);
  const [space, setSpace] = useState<SpaceId | ''>('');
  const [role, setRole] = useState<Role>('editor');
  const [added, setAdded] = useState<Choice | null>(null);
  const status = useStatusLine();
  const clearStatus = status.clear; // stable: a new card clears it without re-running on every status
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const open = card !== null && card !== dismissed;

  // The space open now, read when a card arrives: moving around meanwhile does not reset the question.
  const currentSpace = useRef(current);
  useEffect(() => {
    currentSpace.current = current;
  }, [current]);

  // A new card starts the question over, with the spaces this device may add it to.
  useEffect(() => {
    setChoices(null);
    setAdded(null);
    clearStatus();
    setError(null);
    setRole('editor');
    if (!card || !service) return;
    let cancelled = false;
    spacesToAddTo(service.vault, card.card.id, currentSpace.current).then(
      (found) => {
        if (cancelled) return;
        setChoices(found);
        setSpace(found[0]?.id ?? '');
      },
      (e: unknown) => !cancelled && setError(e),
    );
    return () => {
      cancelled = true;
    };
  }, [card, service, clearStatus]);

  if (!service) return null;
  const labels = spaceLabels(choices ?? [], t);
  const chosen = choices?.find((c) => c.id === space);
  const close = () => setDismissed(card);

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    }
    setBusy(false);
  }

  const add = () =>
    act(async () => {
      if (!card || !chosen || !service) return;
      await addOrganizer(service.vault, chosen.id, card.card, role);
      setAdded(chosen);
    });

  const saveForIt = () =>
    act(async () => {
      const api = getPlatform()?.api;
      if (!card || !added || !api) return;
      if (await saveBundle(service.vault, api, added.id, card.card)) status.say('sharing.files.saved');
    });

  if (card && added) {
    return (
      <ModalDialog
        open={open}
        onCancel={close}
        title={t('sharing.card.addedTitle')}
        outcome
        description={
          <>
            <p>{t('sharing.card.added', { space: labels.get(added.id) })}</p>
            {status.said && (
              <p>
                <NewsText said={status.said} />
              </p>
            )}
          </>
        }
        actions={
          <>
            <button type="button" onClick={close} autoFocus>
              {t('sharing.bundle.close')}
            </button>
            {getPlatform()?.api && (
              <button type="button" onClick={() => void saveForIt()} disabled={busy} aria-busy={busy}>
                {t('sharing.files.saveForCard')}
              </button>
            )}
          </>
        }
      >
        <ErrorText error={error} />
      </ModalDialog>
    );
  }
  return (
    <ModalDialog
      open={open}
      onCancel={close}
      title={card ? t('sharing.card.title') : undefined}
      description={card && t('sharing.card.device', { device: shortDevice(card.card.id) })}
      actions={
        <>
          <button type="button" onClick={close} disabled={busy} autoFocus>
            {t('common.cancel')}
          </button>
          {chosen && (
            <button type="button" onClick={() => void add()} disabled={busy} aria-busy={busy}>
              {t('sharing.card.add', { space: labels.get(chosen.id), role: t(`sharing.role.${role}`) })}
            </button>
          )}
        </>
      }
    >
      {choices && choices.length === 0 && <p>{t('sharing.card.noSpace')}</p>}
      {card && chosen && (
        <>
          <div className="inline-row">
            <label htmlFor={`${id}-space`}>{t('sharing.card.space')}</label>
            <Select id={`${id}-space`} value={space} onChange={(e) => setSpace(e.target.value as SpaceId)}>
              {choices?.map((c) => (
                <option key={c.id} value={c.id}>
                  {labels.get(c.id)}
                </option>
              ))}
            </Select>
            <label htmlFor={`${id}-role`}>{t('sharing.invite.role')}</label>
            <Select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              <RoleOptions />
            </Select>
          </div>
          <p>{t('sharing.card.compare', { space: labels.get(chosen.id) })}</p>
          <SafetyNumber number={card.safetyNumber} testId="card-safety-number" hint={t('sharing.card.hint')} />
        </>
      )}
      <ErrorText error={error} />
    </ModalDialog>
  );
}
