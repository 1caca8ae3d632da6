/**
 * "Map and regions": the membership map, the chapter's regions and branches, and its needs and
 * resources by region. One place for what an organizer plans a regional meeting with.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlacesTab } from '../../app/routes';
import { useSpace } from '../../app/SpaceContext';
import { MapView } from './MapView';
import { NeedsView } from './NeedsView';
import { RegionsView } from './RegionsView';

const TABS: readonly PlacesTab[] = ['map', 'regions', 'needs'];

export function Places({ tab }: { readonly tab: PlacesTab }) {
  const { t } = useTranslation();
  const { navigate } = useSpace();
  const id = useId();
  return (
    <section className="view places" aria-labelledby={`${id}-h`}>
      <div className="view-head">
        <h1 id={`${id}-h`} tabIndex={-1}>
          {t(`places.tab.${tab}`)}
        </h1>
      </div>
      <nav className="subnav" aria-label={t('places.sections')}>
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            aria-current={k === tab ? 'page' : undefined}
            onClick={() => navigate({ view: 'places', tab: k })}
          >
            {t(`places.tab.${k}`)}
          </button>
        ))}
      </nav>
      {tab === 'map' && <MapView />}
      {tab === 'regions' && <RegionsView />}
      {tab === 'needs' && <NeedsView />}
    </section>
  );
}
