/**
 * The map itself, as SVG: ZIP areas coloured by region or by ZIP, county lines, the chapter's own
 * boundaries. Regions (or ZIP codes with members) are focusable; Enter or a click opens the roster
 * filtered to that place. The same numbers are in the table beside it (MapTable).
 */
import { memo, useId, type KeyboardEvent } from 'react';
import type { MapGeometry } from './map-geometry';
import type { Scale } from './scale';

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
  onPick,
}: Props) {
  const id = useId();
  const clip = `${id}-clip`;
  const { width, height, cells, centers } = geometry;
  const placed = new Set(places.flatMap((p) => p.zips));
  const key = (e: KeyboardEvent, open: () => void) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      open();
    }
  };
  return (
    <svg className="map" viewBox={`0 0 ${width} ${height}`} role="group" aria-label={title} data-testid="map">
      <defs>
        <clipPath id={clip}>
          {geometry.counties.map((c) => (
            <path key={c.id} d={c.d} />
          ))}
        </clipPath>
      </defs>
      <rect width={width} height={height} className="map-water" aria-hidden="true" />
      <g aria-hidden="true">
        {geometry.counties.map((c) => (
          <path key={c.id} d={c.d} className="map-land" />
        ))}
      </g>
      <g clipPath={`url(#${clip})`}>
        <g aria-hidden="true" className="map-zips">
          {[...cells].map(([zip, d]) =>
            placed.has(zip) && !picked ? null : (
              <path
                key={zip}
                d={d}
                className={picked?.has(zip) ? 'map-zip picked' : 'map-zip'}
                onClick={onPick ? () => onPick(zip) : undefined}
              >
                {onPick && <title>{zip}</title>}
              </path>
            ),
          )}
        </g>
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
      </g>
      <g aria-hidden="true">
        {geometry.context && <path d={geometry.context} className="map-context" />}
        {geometry.counties.map((c) => (
          <path key={c.id} d={c.d} className="map-county" />
        ))}
        {geometry.boundaries.map((b) => (
          <path key={b.key} d={b.d} className="map-boundary" />
        ))}
      </g>
      {showLabels && !picked && (
        <g aria-hidden="true" className="map-labels">
          {places.map((p) => {
            const at = middle(p.zips.map((z) => centers.get(z)));
            return at ? (
              <text key={p.key} x={at[0]} y={at[1]} textAnchor="middle">
                <tspan x={at[0]}>{p.label}</tspan>
                <tspan x={at[0]} dy="1.1em" className="map-count">
                  {p.count.toLocaleString()}
                </tspan>
              </text>
            ) : null;
          })}
        </g>
      )}
    </svg>
  );
});

function middle(points: readonly (readonly [number, number] | undefined)[]): [number, number] | null {
  const known = points.filter((p): p is readonly [number, number] => !!p);
  if (!known.length) return null;
  return [known.reduce((s, p) => s + p[0], 0) / known.length, known.reduce((s, p) => s + p[1], 0) / known.length];
}
