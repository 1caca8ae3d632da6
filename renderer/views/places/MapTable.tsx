/**
 * The map's numbers as a table (for keyboard and screen-reader users, and for anyone who wants the
 * figures): the same counts the map colours, each place a button that opens the roster filtered to it.
 */
import { useTranslation } from 'react-i18next';
import type { MapPlace } from './MapSvg';
import { SMALL_COUNT } from './scale';
import { formatCount } from '../../components/numbers';

interface Props {
  readonly caption: string;
  readonly placeHeader: string;
  readonly measureLabel: string;
  readonly places: readonly MapPlace[];
  /** Counted members with no region (or no ZIP code). */
  readonly unplaced: number;
  readonly unplacedLabel: string;
  /** By ZIP: small counts are shown as "fewer than 3". */
  readonly suppressSmall: boolean;
  readonly onOpen: (key: string) => void;
  readonly onOpenUnplaced?: () => void;
  /** By ZIP: a column naming each ZIP's region. */
  readonly regionHeader?: string;
  readonly regionOf?: (key: string) => string;
}

export function MapTable({
  caption,
  placeHeader,
  measureLabel,
  places,
  unplaced,
  unplacedLabel,
  suppressSmall,
  onOpen,
  onOpenUnplaced,
  regionHeader,
  regionOf,
}: Props) {
  const { t, i18n } = useTranslation();
  const shown = (n: number) =>
    suppressSmall && n > 0 && n < SMALL_COUNT
      ? t('places.fewerThan', { count: SMALL_COUNT })
      : formatCount(n, i18n.language);
  return (
    <table className="map-table" data-testid="map-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{placeHeader}</th>
          {regionHeader && <th scope="col">{regionHeader}</th>}
          <th scope="col" className="num">
            {measureLabel}
          </th>
        </tr>
      </thead>
      <tbody>
        {places.map((p) => (
          <tr key={p.key} data-place={p.key} data-count={p.count}>
            <th scope="row">
              <button type="button" className="link" onClick={() => onOpen(p.key)}>
                {p.label}
              </button>
            </th>
            {regionHeader && <td>{regionOf?.(p.key)}</td>}
            <td className="num">{shown(p.count)}</td>
          </tr>
        ))}
        {unplaced > 0 && (
          <tr data-place="" data-count={unplaced}>
            <th scope="row">
              {onOpenUnplaced ? (
                <button type="button" className="link" onClick={onOpenUnplaced}>
                  {unplacedLabel}
                </button>
              ) : (
                unplacedLabel
              )}
            </th>
            {regionHeader && <td />}
            <td className="num">{formatCount(unplaced, i18n.language)}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
