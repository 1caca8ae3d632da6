/**
 * The membership map: where the members are, who is active where, where the needs are. Counts by
 * region or by ZIP code of a measure, for the members the roster's filters (or a saved view) pick;
 * the same numbers in a table beside it. A click, or Enter on a focused region, opens the roster
 * filtered to it. Never a member's address: only counts per area (SECURITY.md, "The membership map").
 */
import { useCallback, useId, useLayoutEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberFilters } from '../../../shared/model/filter';
import { countByPlace, measureFilters, type Measure, type PlaceKind } from '../../../shared/model/place-counts';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { useCatalogue, useCodeLabel } from '../../app/useCatalogue';
import { offeredCodes } from '../../../shared/model/catalogue';
import { useMembers, useSearchIndex } from '../../app/useRoster';
import { RosterFilters } from '../roster/RosterFilters';
import { SavedViews } from '../roster/SavedViews';
import { useBoundaryLayers, useChapterZips, useMemberSkills, useRegions } from './hooks';
import { MapSvg, type MapPlace } from './MapSvg';
import { MapTable } from './MapTable';
import { measureGroups, measureKey, measureOf } from './measures';
import { scaleFor, SMALL, SMALL_COUNT, ZERO } from './scale';
import { useGeo } from './useGeo';
import { Input, Select } from '../../components/fields';
import { formatCount } from '../../components/numbers';

/** Performance marks for the map benchmark: a filter change → the map repainted. */
const MARK_INPUT = 'map-filter-input';
export const MAP_MEASURE = 'map-filter';
export const COUNT_MEASURE = 'map-count';

export function MapView() {
  const { t, i18n } = useTranslation();
  const { data, navigate } = useSpace();
  const id = useId();
  const label = useCodeLabel();
  const members = useMembers();
  const index = useSearchIndex();
  const regions = useRegions();
  const layers = useBoundaryLayers();
  const geo = useGeo();
  const catalogue = {
    need: useCatalogue('need'),
    resource: useCatalogue('resource'),
    language: useCatalogue('language'),
  };
  const [filters, setFilters] = useState<MemberFilters>({});
  const [query, setQuery] = useState('');
  const [measure, setMeasure] = useState<Measure>({ kind: 'members' });
  const [by, setBy] = useState<PlaceKind>('region');
  const changing = useCallback(
    <A,>(set: (a: A) => void) =>
      (a: A) => {
        performance.mark(MARK_INPUT);
        set(a);
      },
    [],
  );

  // Stable, so the memoized filters (hundreds of options) do not re-render on each change.
  const onFilters = useMemo(() => changing(setFilters), [changing]);
  const skills = useRecords((data) => data.skills.all(), [], 'skills');
  const memberSkills = useMemberSkills(!!filters.skill || measure.kind === 'skill');
  const chapterTags = useCatalogue('tag');
  const tags = useMemo(
    () => [...new Set([...offeredCodes(chapterTags), ...members.flatMap((m) => m.tags)])].sort(),
    [members, chapterTags],
  );
  const groups = measureGroups(label, t, catalogue, tags, skills);
  const measureName = groups.flatMap((g) => g.options).find((o) => o.key === measureKey(measure))?.label ?? '';

  const searched = useMemo(() => (query.trim() ? index.filter(members, query) : members), [members, index, query]);
  const counts = useMemo(() => {
    const start = performance.now();
    const c = countByPlace(searched, filters, measure, by, memberSkills);
    // The model's query alone: the benchmark's baseline for the whole repaint.
    performance.measure(COUNT_MEASURE, { start });
    return c;
  }, [searched, filters, measure, by, memberSkills]);
  const places: MapPlace[] = useMemo(() => {
    const describe = (name: string, n: number) =>
      by === 'zip' && n < SMALL_COUNT
        ? t('places.describeFew', { place: name, measure: measureName, count: SMALL_COUNT })
        : t('places.describe', { place: name, measure: measureName, count: n });
    if (by === 'region')
      return regions.map((r) => {
        const n = counts.byPlace.get(r.id) ?? 0;
        return { key: r.id, label: r.name, count: n, zips: r.zips, description: describe(r.name, n) };
      });
    // Most first: where the needs (or the members) are.
    return [...counts.byPlace]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .map(([zip, n]) => {
        const name = t('places.zipPlace', { zip });
        return { key: zip, label: zip, count: n, zips: [zip], description: describe(name, n) };
      });
  }, [by, regions, counts, measureName, t]);
  const scale = useMemo(
    () =>
      scaleFor(
        places.map((p) => p.count),
        by === 'zip' ? SMALL_COUNT : 1,
        by === 'region',
      ),
    [places, by],
  );

  const zips = useChapterZips(regions, members);
  const geometry = useMemo(
    () => (geo.status === 'ready' ? geo.mapGeometry(geo.outlines, geo.centroids, zips, layers) : null),
    [geo, zips, layers],
  );

  // After React has put the new colours in the DOM, and the browser has painted them.
  useLayoutEffect(() => {
    if (performance.getEntriesByName(MARK_INPUT, 'mark').length === 0) return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (performance.getEntriesByName(MARK_INPUT, 'mark').length === 0) return;
        performance.measure(MAP_MEASURE, MARK_INPUT);
        performance.clearMarks(MARK_INPUT);
      }, 0),
    );
  }, [places]);

  const open = (place: MemberFilters) => {
    // The measure narrows the roster too, unless the view's own filters already set the same thing.
    const extra = Object.fromEntries(
      Object.entries(measureFilters(measure)).filter(([k]) => !(k in filters && filters[k as keyof MemberFilters])),
    );
    navigate({ view: 'roster', filters: { ...filters, ...extra, ...place } });
  };
  const byLabel = by === 'region' ? t('places.byRegionText') : t('places.byZipText');
  const regionOfZip = useMemo(() => {
    const names = new Map(regions.map((r) => [r.id, r.name]));
    return (zip: string) => names.get(data.placeOf(zip).regionId ?? '') ?? '';
  }, [regions, data]);

  return (
    <div className="map-view">
      <div className="search-row">
        <div className="field">
          <label htmlFor={`${id}-measure`}>{t('places.measureLabel')}</label>
          <Select
            id={`${id}-measure`}
            value={measureKey(measure)}
            onChange={(e) => changing(setMeasure)(measureOf(e.target.value))}
          >
            {groups
              .filter((g) => g.options.length)
              .map((g) => (
                <optgroup key={g.group} label={t(`places.measureGroup.${g.group}`)}>
                  {g.options.map((o) => (
                    <option key={o.key} value={o.key}>
                      {o.label}
                    </option>
                  ))}
                </optgroup>
              ))}
          </Select>
        </div>
        <fieldset className="by">
          <legend>{t('places.showBy')}</legend>
          {(['region', 'zip'] as const).map((k) => (
            <label key={k} className="check">
              <Input type="radio" name={`${id}-by`} checked={by === k} onChange={() => changing(setBy)(k)} />
              {k === 'region' ? t('places.byRegion') : t('places.byZip')}
            </label>
          ))}
        </fieldset>
        <SavedViews
          current={{ query, filters, sort: { key: 'name', direction: 'ascending' } }}
          onApply={(v) => {
            performance.mark(MARK_INPUT);
            setQuery(v.query);
            setFilters(v.filters);
          }}
        />
      </div>
      {query.trim() && (
        <p className="hint">
          {t('places.withSearch', { query })}{' '}
          <button type="button" className="link" onClick={() => changing(setQuery)('')}>
            {t('places.clearSearch')}
          </button>
        </p>
      )}
      <RosterFilters members={members} filters={filters} onChange={onFilters} />
      <p role="status" className="count" data-testid="map-total" data-count={counts.total}>
        {t('places.total', {
          count: counts.total,
          measure: measureName,
        })}
      </p>
      <div className="map-layout">
        <div className="map-frame">
          {geo.status === 'loading' && <p aria-busy="true">{t('places.loadingMap')}</p>}
          {geo.status === 'failed' && <ErrorText error={geo.error} />}
          {geo.status === 'ready' && !geometry && <p className="empty">{t('places.noPlaces')}</p>}
          {geometry && (
            <>
              <MapSvg
                geometry={geometry}
                title={t('places.mapTitle', { measure: measureName, by: byLabel })}
                places={places.filter((p) => by === 'region' || p.count > 0)}
                scale={scale}
                showLabels={by === 'region'}
                onOpen={(key) => open(by === 'region' ? { regionIds: [key] } : { zips: [key] })}
              />
              <ul className="map-legend" aria-label={t('places.legend')}>
                <li>
                  <Swatch colour={ZERO} />
                  {t('places.none')}
                </li>
                {by === 'zip' && (
                  <li>
                    <Swatch colour={SMALL} />
                    {t('places.fewerThan', { count: SMALL_COUNT })}
                  </li>
                )}
                {scale.legend.map(({ colour, from, to }) => (
                  <li key={colour}>
                    <Swatch colour={colour} />
                    {from === to
                      ? formatCount(from, i18n.language)
                      : `${formatCount(from, i18n.language)}–${formatCount(to, i18n.language)}`}
                  </li>
                ))}
              </ul>
              {geometry.boundaries.length > 0 && <p className="hint">{t('places.boundaryNote')}</p>}
            </>
          )}
        </div>
        <MapTable
          caption={t('places.tableCaption', { measure: measureName, by: byLabel })}
          placeHeader={by === 'region' ? t('places.region') : t('places.zip')}
          measureLabel={measureName}
          places={places}
          unplaced={counts.unplaced}
          unplacedLabel={by === 'region' ? t('places.noRegion') : t('places.noZip')}
          suppressSmall={by === 'zip'}
          regionHeader={by === 'zip' ? t('places.region') : undefined}
          regionOf={regionOfZip}
          onOpen={(key) => open(by === 'region' ? { regionIds: [key] } : { zips: [key] })}
          onOpenUnplaced={by === 'region' ? () => open({ withoutRegion: true }) : undefined}
        />
      </div>
      <p className="hint">{t('places.privacy')}</p>
    </div>
  );
}

function Swatch({ colour }: { colour: string }) {
  return (
    <svg className="swatch" width="14" height="14" aria-hidden="true">
      <rect width="14" height="14" fill={colour} />
    </svg>
  );
}
