/** This device's identity card: its number (from its public key, in digit groups to read aloud) and how safety numbers work. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { deviceNumber } from '../../../shared/crypto';
import { StatusLine, useStatusLine } from '../../components/StatusLine';
import { useSyncService, useSyncState } from '../../sync/context';
import { getPlatform } from '../../platform';
import { saveDeviceCard } from '../../sync/files';

export function ThisDevice() {
  const { t } = useTranslation();
  const service = useSyncService();
  const { networking } = useSyncState();
  const id = useId();
  const status = useStatusLine();
  if (!service) return null;
  const device = service.vault.device;

  async function save() {
    status.clear();
    const api = getPlatform()?.api;
    if (!api) return;
    try {
      if (await saveDeviceCard(service!.vault, api)) status.say('sharing.device.cardSaved');
    } catch (e) {
      status.fail(e);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('sharing.device.title')}</h2>
      <p>{t('sharing.device.intro')}</p>
      <p>
        {t('sharing.device.id')}:{' '}
        <code className="device-id" data-testid="device-id">
          {deviceNumber(device.signPublic)}
        </code>
      </p>
      <p className="hint">{t('sharing.device.safetyHint')}</p>
      <button type="button" onClick={() => void save()} disabled={!networking}>
        {t('sharing.device.saveCard')}
      </button>
      <StatusLine said={status.said} />
    </section>
  );
}
