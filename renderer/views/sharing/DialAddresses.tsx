/** "Others can connect to 192.168.1.20:41234 or [fd00::2]:41234": where this device can be dialled. */
import { useTranslation } from 'react-i18next';
import { dialTexts } from '../../sync/address';
import { useSyncState } from '../../sync/context';

export function DialAddresses({ testId }: { testId: string }) {
  const { t, i18n } = useTranslation();
  const { listening } = useSyncState();
  if (!listening || listening.addresses.length === 0) return null;
  const addresses = new Intl.ListFormat(i18n.language, { type: 'disjunction' }).format(dialTexts(listening));
  return (
    <p className="hint" data-testid={testId}>
      {t('sharing.nearby.connectAt', { addresses })}
    </p>
  );
}
