/**
 * Members with no region: how many, the ZIP codes that would place most of them (each added to a
 * region in one click), and the list in the roster.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../shared/model/member';
import { addZipsToRegion, placeMembersFromZip, withoutRegion } from '../../../shared/model/places';
import type { Region } from '../../../shared/model/region';
import { StatusLine, message, useStatusLine, type Message } from '../../components/StatusLine';
import { useSpace } from '../../app/SpaceContext';
import { Select } from '../../components/fields';
import { formatCount } from '../../components/numbers';

const SHOWN_ZIPS = 12;

export function Unplaced({
  regions,
  members,
}: {
  readonly regions: readonly Region[];
  readonly members: readonly Member[];
}) {
  const { t, i18n } = useTranslation();
  const { data, navigate } = useSpace();
  const id = useId();
  const unplaced = useMemo(() => withoutRegion(members), [members]);
  const [targets, setTargets] = useState<Record<string, string>>({});
  const status = useStatusLine();
  /** `fn` does the work and returns what to say about it. */
  const run = (fn: () => Message) => {
    try {
      status.say(fn());
    } catch (e) {
      status.fail(e);
    }
  };
  const noZip = unplaced.members.filter((m) => !m.zip).length;

  return (
    <section aria-labelledby={`${id}-h`} data-testid="unplaced">
      <h2 id={`${id}-h`}>{t('places.unplaced.title')}</h2>
      <p data-count={unplaced.members.length}>{t('places.unplaced.count', { count: unplaced.members.length })}</p>
      <StatusLine said={status.said} className="hint" />
      {unplaced.members.length > 0 && (
        <div className="actions">
          <button type="button" onClick={() => navigate({ view: 'roster', filters: { withoutRegion: true } })}>
            {t('places.unplaced.open')}
          </button>
          <button
            type="button"
            onClick={() => run(() => message('places.unplaced.placed', { count: placeMembersFromZip(data) }))}
          >
            {t('places.unplaced.placeAgain')}
          </button>
        </div>
      )}
      {unplaced.zips.length > 0 && regions.length === 0 && <p className="hint">{t('places.unplaced.makeRegions')}</p>}
      {unplaced.zips.length > 0 && regions.length > 0 && (
        <table className="data-table">
          <caption>{t('places.unplaced.zipsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('places.zip')}</th>
              <th scope="col" className="num">
                {t('places.regions.members')}
              </th>
              <th scope="col">{t('places.unplaced.addTo')}</th>
            </tr>
          </thead>
          <tbody>
            {unplaced.zips.slice(0, SHOWN_ZIPS).map(({ zip, count }) => (
              <tr key={zip}>
                <th scope="row">{zip}</th>
                <td className="num">{formatCount(count, i18n.language)}</td>
                <td>
                  <label htmlFor={`${id}-${zip}`} className="visually-hidden">
                    {t('places.unplaced.regionFor', { zip })}
                  </label>
                  <Select
                    id={`${id}-${zip}`}
                    value={targets[zip] ?? ''}
                    onChange={(e) => setTargets((x) => ({ ...x, [zip]: e.target.value }))}
                  >
                    <option value="">{t('places.regions.choose')}</option>
                    {regions.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.name}
                      </option>
                    ))}
                  </Select>{' '}
                  <button
                    type="button"
                    disabled={!targets[zip]}
                    onClick={() =>
                      run(() => {
                        const region = regions.find((r) => r.id === targets[zip])!;
                        addZipsToRegion(data, region.id, [zip]);
                        return message('places.unplaced.added', { zip, name: region.name, count });
                      })
                    }
                  >
                    {t('places.unplaced.add', { zip })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unplaced.zips.length > SHOWN_ZIPS && (
        <p className="hint">{t('places.unplaced.more', { count: unplaced.zips.length - SHOWN_ZIPS })}</p>
      )}
      {noZip > 0 && <p className="hint">{t('places.unplaced.noZip', { count: noZip })}</p>}
    </section>
  );
}
