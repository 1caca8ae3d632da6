/**
 * The map itself, as SVG: ZIP areas coloured by region or by ZIP, county lines, the chapter's own
 * boundaries. Regions (or ZIP codes with members) are focusable; Enter or a click opens the roster
 * filtered to that place. The same numbers are in the table beside it (MapTable).
 *
 * Four SVGs stacked in one box: what never changes with the counts (land and ZIP outlines below;
 * the sea and lines above) sits in layers of its own that the browser paints once, so a filter
 * change repaints only the coloured places and their labels.
 */
import { memo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapGeometry } from './map-geometry';
import type { Scale } from './scale';
import { formatCount } from '../../components/numbers';

export interface MapPlace {
  /** Region id, or ZIP code. */
  readonly key: string;
  readonly label: string;
  /** What a screen reader hears: the place and its number. */
  readonly description: string;
  readonly count: number;
  readonly zips: readonly string[];
}

interface Props {
  readonly geometry: MapGeometry;
  readonly title: string;
  readonly places: readonly MapPlace[];
  readonly scale: Scale;
  /** Names drawn on the map (regions); ZIP codes are too many to label. */
  readonly showLabels: boolean;
  readonly onOpen?: (key: string) => void;
  /** Picking ZIP codes for a region: a click on any ZIP area toggles it. */
  readonly picked?: ReadonlySet<string>;
  /** While picking: ZIP codes other regions hold (shaded; picking one moves it). */
  readonly others?: ReadonlySet<string>;
  readonly onPick?: (zip: string) => void;
}

export const MapSvg = memo(function MapSvg({
  geometry,
  title,
  places,
  scale,
  showLabels,
  onOpen,
  picked,
  others,
  onPick,
}: Props) {
  const { i18n } = useTranslation();
  const { width, height, cells, centers } = geometry;
  const box = `0 0 ${width} ${height}`;
  const key = (e: KeyboardEvent, open: () => void) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  };
  return (
    <div className="map-stack">
      <Below geometry={geometry} picked={picked} others={others} onPick={onPick} />
      <svg className="map-layer map" viewBox={box} role="group" aria-label={title} data-testid="map">
        {!picked &&
          places.map((p) => {
            const d = p.zips.map((z) => cells.get(z) ?? '').join('');
            if (!d) return null;
            const open = onOpen ? () => onOpen(p.key) : undefined;
            return (
              <g
                key={p.key}
                className="map-place"
                data-place={p.key}
                data-count={p.count}
                role={open ? 'button' : 'img'}
                tabIndex={open ? 0 : undefined}
                aria-label={p.description}
                onClick={open}
                onKeyDown={open ? (e) => key(e, open) : undefined}
              >
                <path d={d} fill={scale.colour(p.count)} />
              </g>
            );
          })}
      </svg>
      <Above geometry={geometry} />
      {showLabels && !picked && (
        <svg className="map-layer map-labels" viewBox={box} aria-hidden="true">
          {places.map((p) => {
            const at = middle(p.zips.map((z) => centers.get(z)));
            return at ? (
              <text key={p.key} x={at[0]} y={at[1]} textAnchor="middle">
                <tspan x={at[0]}>{p.label}</tspan>
                <tspan x={at[0]} dy="1.1em" className="map-count">
                  {formatCount(p.count, i18n.language)}
                </tspan>
              </text>
            ) : null;
          })}
        </svg>
      )}
    </div>
  );
});

/** Land and every ZIP's outline (or, when picking, every ZIP as a target). */
const Below = memo(function Below({
  geometry,
  picked,
  others,
  onPick,
}: {
  readonly geometry: MapGeometry;
  readonly picked?: ReadonlySet<string>;
  readonly others?: ReadonlySet<string>;
  readonly onPick?: (zip: string) => void;
}) {
  return (
    <svg
      className={onPick ? 'map-base picking' : 'map-base'}
      viewBox={`0 0 ${geometry.width} ${geometry.height}`}
      aria-hidden="true"
    >
      <rect width={geometry.width} height={geometry.height} className="map-land" />
      <g className="map-zips">
        {[...geometry.cells].map(([zip, d]) => (
          <path
            key={zip}
            d={d}
            className={picked?.has(zip) ? 'map-zip picked' : others?.has(zip) ? 'map-zip other' : 'map-zip'}
            onClick={onPick ? () => onPick(zip) : undefined}
          >
            {onPick && <title>{zip}</title>}
          </path>
        ))}
      </g>
    </svg>
  );
});

/**
 * The sea and whatever lies outside the chapter's counties (the frame minus the counties, even-odd),
 * then the lines: other counties and states faintly, the chapter's counties, its boundary files.
 * Painting the outside over the ZIP areas trims them to the coast, cheaper than an SVG clip path.
 */
const Above = memo(function Above({ geometry }: { readonly geometry: MapGeometry }) {
  const { width, height } = geometry;
  const outside = `M0,0H${width}V${height}H0Z${geometry.counties.map((c) => c.d).join('')}`;
  return (
    <svg className="map-layer" viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
      <path d={outside} className="map-outside" fillRule="evenodd" />
      {geometry.context && <path d={geometry.context} className="map-context" />}
      {geometry.counties.map((c) => (
        <path key={c.id} d={c.d} className="map-county" />
      ))}
      {geometry.boundaries.map((b) => (
        <path key={b.key} d={b.d} className="map-boundary" />
      ))}
    </svg>
  );
});

function middle(points: readonly (readonly [number, number] | undefined)[]): [number, number] | null {
  const known = points.filter((p): p is readonly [number, number] => !!p);
  if (!known.length) return null;
  return [known.reduce((s, p) => s + p[0], 0) / known.length, known.reduce((s, p) => s + p[1], 0) / known.length];
}
