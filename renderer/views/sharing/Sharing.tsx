/**
 * Sharing: who holds the open space and how this device meets them. Each
 * section is its own component; they all run on the sync service of the
 * unlocked vault (renderer/sync). Joining another space with an invite code
 * is not an admin's task of this space: it lives on the Spaces page, and
 * this page points there.
 */
import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpaceId } from '../../../shared/crypto';
import { syncFailureKey } from '../../app/problems';
import { useSpace } from '../../app/SpaceContext';
import { useSyncService, useSyncState } from '../../sync/context';
import { Arrivals } from './Arrivals';
import { CreateInvite } from './CreateInvite';
import { Files } from './Files';
import { Nearby } from './Nearby';
import { Organizers } from './Organizers';
import { ThisDevice } from './ThisDevice';

export function Sharing() {
  const { t } = useTranslation();
  const { spaceId, navigate } = useSpace();
  const service = useSyncService();
  const state = useSyncState();
  const id = useId();
  const space = spaceId as SpaceId;

  // A space created since sync started is advertised from now on.
  useEffect(() => {
    void service?.refresh();
  }, [service, spaceId]);

  return (
    <section className="view sharing" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {t('sharing.title')}
      </h1>
      <p>{t('sharing.intro')}</p>
      <p>
        {t('sharing.joinElsewhere')}{' '}
        <button type="button" className="link" onClick={() => navigate({ view: 'spaces' })}>
          {t('sharing.joinElsewhereLink')}
        </button>
      </p>
      {!service ? (
        <p aria-busy="true">{t('sharing.starting')}</p>
      ) : (
        <>
          {!state.networking && <p className="hint">{t('sharing.noNetworking')}</p>}
          {state.problem && (
            <p role="alert" className="error">
              {t(syncFailureKey(state.problem))}
            </p>
          )}
          <Arrivals />
          <ThisDevice />
          <Organizers space={space} />
          <CreateInvite space={space} />
          <Nearby space={space} />
          <Files space={space} />
        </>
      )}
    </section>
  );
}
