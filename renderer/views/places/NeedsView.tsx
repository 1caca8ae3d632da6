/**
 * Needs, strengths and resources by region: members, active members, each need and resource, and
 * the skills someone there can teach; below it, the chapter's own catalogue (CatalogueEditor).
 */
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { regionTable } from '../../../shared/model/place-counts';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { useCatalogue, useCodeLabel } from '../../app/useCatalogue';
import { useMembers } from '../../app/useRoster';
import { CatalogueEditor } from './CatalogueEditor';
import { useMemberSkills, useRegions } from './hooks';
import { formatCount } from '../../components/numbers';

/** How many skills a row names under "Can teach". */
const TEACH_SHOWN = 5;

export function NeedsView() {
  const { t, i18n } = useTranslation();
  const { navigate } = useSpace();
  const id = useId();
  const label = useCodeLabel();
  const members = useMembers();
  const regions = useRegions();
  const memberSkills = useMemberSkills();
  const skillNames = useRecords((data) => new Map(data.skills.all().map((s) => [s.id, s.name])), [], 'skills');
  const needs = useCatalogue('need').filter((e) => !e.retired);
  const resources = useCatalogue('resource').filter((e) => !e.retired);
  const rows = useMemo(() => regionTable(members, regions, memberSkills), [members, regions, memberSkills]);
  const regionName = new Map(regions.map((r) => [r.id, r.name]));
  // The skills most people there can teach; the rest counted, so a row stays a line or two.
  const teaching = (teachable: ReadonlyMap<string, number>) => {
    const all = [...teachable].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const shown = all.slice(0, TEACH_SHOWN).map(([skillId, n]) => `${skillNames.get(skillId) ?? '?'} (${n})`);
    const more = all.length - shown.length;
    return more > 0 ? `${shown.join(', ')} ${t('places.needs.teachMore', { count: more })}` : shown.join(', ');
  };

  return (
    <div className="needs-view">
      <section aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>{t('places.needs.tableTitle')}</h2>
        <p className="hint">{t('places.needs.tableHint')}</p>
        {members.length === 0 ? (
          <p className="empty">{t('places.needs.noMembers')}</p>
        ) : (
          // Wider than the screen with many needs and resources: a focusable region, so the arrow keys scroll it
          // (named apart from the section around it: two landmarks with one name confuse a screen reader).
          <div className="wide-table" role="region" tabIndex={0} aria-label={t('places.needs.scrollTable')}>
            <table className="data-table region-table" data-testid="region-table">
              <caption className="visually-hidden">{t('places.needs.tableTitle')}</caption>
              <thead>
                <tr>
                  <td colSpan={4} />
                  {needs.length > 0 && (
                    <th scope="colgroup" colSpan={needs.length} className="group">
                      {t('places.measureGroup.need')}
                    </th>
                  )}
                  {resources.length > 0 && (
                    <th scope="colgroup" colSpan={resources.length} className="group">
                      {t('places.measureGroup.resource')}
                    </th>
                  )}
                </tr>
                <tr>
                  <th scope="col">{t('places.region')}</th>
                  <th scope="col" className="num">
                    {t('places.measure.members')}
                  </th>
                  <th scope="col" className="num">
                    {t('places.measure.active')}
                  </th>
                  <th scope="col">{t('places.needs.teach')}</th>
                  {needs.map((n) => (
                    <th key={n.code} scope="col" className="num need">
                      {label('need', n.code)}
                    </th>
                  ))}
                  {resources.map((r) => (
                    <th key={r.code} scope="col" className="num resource">
                      {label('resource', r.code)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.regionId ?? ''} data-region={row.regionId ?? ''}>
                    <th scope="row">
                      <button
                        type="button"
                        className="link"
                        onClick={() =>
                          navigate({
                            view: 'roster',
                            filters: row.regionId ? { regionIds: [row.regionId] } : { withoutRegion: true },
                          })
                        }
                      >
                        {row.regionId ? regionName.get(row.regionId) : t('places.noRegion')}
                      </button>
                    </th>
                    <td className="num">{formatCount(row.members, i18n.language)}</td>
                    <td className="num">{formatCount(row.active, i18n.language)}</td>
                    <td className="teach">
                      {/* A block of fixed width: the table's auto layout would squeeze a plain text cell. */}
                      <div>{teaching(row.teachable)}</div>
                    </td>
                    {needs.map((n) => (
                      <td key={n.code} className="num">
                        {formatCount(row.needs.get(n.code) ?? 0, i18n.language)}
                      </td>
                    ))}
                    {resources.map((r) => (
                      <td key={r.code} className="num">
                        {formatCount(row.resources.get(r.code) ?? 0, i18n.language)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <CatalogueEditor />
    </div>
  );
}
