/**
 * File hand-off, for when devices cannot meet on a network: save a bundle of
 * the space for one organizer's device (or for a device card received from
 * an invitee), and open a card or bundle file. The file-based invite: the
 * invitee saves its device card; the admin opens it, compares the safety
 * number (over both of each device's keys), adds the device, and saves a
 * bundle for it; the invitee opens the bundle, and says yes to it in the
 * bundle dialog (OpenedBundle.tsx) after comparing the number again.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceCard, SpaceId } from '../../../shared/crypto';
import { ROLES, type Role } from '../../../shared/space';
import { ErrorText } from '../../app/ErrorText';
import { getPlatform } from '../../platform';
import { useSyncService, useSyncState } from '../../sync/context';
import { saveBundle } from '../../sync/files';
import { addOrganizer } from '../../sync/organizers';
import { useAccess } from './useAccess';
import { shortDevice } from './words';
import { Select } from '../../components/fields';

export function Files({ space }: { space: SpaceId }) {
  const { t } = useTranslation();
  const service = useSyncService();
  const { opened, networking } = useSyncState();
  const { view } = useAccess(service?.vault, space);
  const id = useId();
  const [recipient, setRecipient] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!service || !networking) return null;
  const others = view?.organizers.filter((o) => !o.me) ?? [];
  const admin = view?.myRole === 'admin';
  const card = opened?.kind === 'card' ? opened : null;
  const cardAdded = card && view?.organizers.some((o) => o.member.card.id === card.card.id);

  async function run(work: () => Promise<string | null>) {
    setError(null);
    setStatus('');
    try {
      const done = await work();
      if (done) setStatus(done);
    } catch (e) {
      setError(e);
    }
  }

  const saveFor = (to: DeviceCard) =>
    run(async () => {
      const api = getPlatform()?.api;
      return api && (await saveBundle(service.vault, api, space, to)) ? t('sharing.files.saved') : null;
    });

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('sharing.files.title')}</h2>
      <p>{t('sharing.files.intro')}</p>
      {others.length > 0 && (
        <div className="inline-row">
          <label htmlFor={`${id}-to`}>{t('sharing.files.recipient')}</label>
          <Select id={`${id}-to`} value={recipient} onChange={(e) => setRecipient(e.target.value)}>
            <option value="">{t('sharing.files.choose')}</option>
            {others.map((o) => (
              <option key={o.member.card.id} value={o.member.card.id}>
                {t('sharing.organizers.device', { id: shortDevice(o.member.card.id) })}
              </option>
            ))}
          </Select>
          <button
            type="button"
            disabled={!recipient}
            onClick={() => {
              const to = others.find((o) => o.member.card.id === recipient);
              if (to) void saveFor(to.member.card);
            }}
          >
            {t('sharing.files.saveBundle')}
          </button>
        </div>
      )}
      <button
        type="button"
        onClick={() =>
          void run(async () => {
            await service.chooseFile(); // a bundle then asks in its dialog
            return null;
          })
        }
      >
        {t('sharing.files.open')}
      </button>
      {card && (
        <div className="card-file">
          <h3>{t('sharing.files.cardTitle')}</h3>
          <p>{t('sharing.files.cardCompare')}</p>
          <p>
            <code className="recovery-key" data-testid="card-safety-number">
              {card.safetyNumber}
            </code>
          </p>
          {admin && !cardAdded && (
            <div className="inline-row">
              <label htmlFor={`${id}-role`}>{t('sharing.invite.role')}</label>
              <Select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`sharing.role.${r}`)}
                  </option>
                ))}
              </Select>
              <button
                type="button"
                onClick={() =>
                  void run(async () => {
                    await addOrganizer(service.vault, space, card.card, role);
                    return t('sharing.files.added');
                  })
                }
              >
                {t('sharing.files.add')}
              </button>
            </div>
          )}
          {cardAdded && (
            <button type="button" onClick={() => void saveFor(card.card)}>
              {t('sharing.files.saveForCard')}
            </button>
          )}
        </div>
      )}
      <p role="status">{status}</p>
      <ErrorText error={error} />
    </section>
  );
}
