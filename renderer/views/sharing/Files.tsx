/**
 * File hand-off, for when devices cannot meet on a network: save a bundle of
 * the space for one organizer's device (or for a device card received from
 * an invitee), and open a card or bundle file. The file-based invite: the
 * invitee saves its device card; the admin opens it, and in the card dialog
 * (OpenedCard.tsx, the same whether the OS or this panel opened it) compares
 * the safety number (over both of each device's keys), adds the device, and
 * saves a bundle for it; the invitee opens the bundle, and says yes to it in
 * the bundle dialog (OpenedBundle.tsx) after comparing the number again.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceCard, SpaceId } from '../../../shared/crypto';
import { StatusLine, useStatusLine } from '../../components/StatusLine';
import { getPlatform } from '../../platform';
import { useSyncService, useSyncState } from '../../sync/context';
import { saveBundle } from '../../sync/files';
import { useAccess } from './useAccess';
import { shortDevice } from './words';
import { Select } from '../../components/fields';

export function Files({ space }: { space: SpaceId }) {
  const { t } = useTranslation();
  const service = useSyncService();
  const { networking } = useSyncState();
  const { view } = useAccess(service?.vault, space);
  const id = useId();
  const [recipient, setRecipient] = useState('');
  const status = useStatusLine();
  if (!service || !networking) return null;
  const others = view?.organizers.filter((o) => !o.me) ?? [];

  /** `work` resolves with the key of what to say when done, or null for nothing. */
  async function run(work: () => Promise<string | null>) {
    status.clear();
    try {
      const done = await work();
      if (done) status.say(done);
    } catch (e) {
      status.fail(e);
    }
  }

  const saveFor = (to: DeviceCard) =>
    run(async () => {
      const api = getPlatform()?.api;
      return api && (await saveBundle(service.vault, api, space, to)) ? 'sharing.files.saved' : null;
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
            await service.chooseFile(); // a card or a bundle then asks in its dialog (OpenedCard, OpenedBundle)
            return null;
          })
        }
      >
        {t('sharing.files.open')}
      </button>
      <StatusLine said={status.said} />
    </section>
  );
}
