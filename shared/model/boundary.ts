/**
 * A chapter's own boundary file (council districts, neighborhoods, branch
 * turf) as GeoJSON, kept in the space like any record: encrypted, synced,
 * shared with the space's organizers. What is kept is not the file as given
 * but a checked, reduced copy: only polygons, one name per shape, coordinates
 * rounded to 5 decimals (about a metre), rings wound the way the map draws
 * them. A file that is not GeoJSON, too large, or holds coordinates off the
 * Earth is refused with a reason and nothing is stored; a stored copy is read
 * with the same checks, so a peer cannot hand the map something it cannot draw.
 */
import { z } from 'zod';
import { defineRecord, shortText } from './fields';
import type { InputOf, RecordOf } from './fields';

/** The largest file an organizer may choose (before it is reduced). */
export const MAX_BOUNDARY_FILE_CHARS = 20_000_000;
/** The largest reduced copy kept in the space (it syncs to every organizer's laptop). */
export const MAX_BOUNDARY_CHARS = 2_000_000;
export const MAX_BOUNDARY_SHAPES = 500;
export const MAX_BOUNDARY_POINTS = 200_000;

export const BOUNDARY_KINDS = ['council_district', 'neighborhood', 'branch_turf', 'other'] as const;
export type BoundaryKind = (typeof BOUNDARY_KINDS)[number];

export const boundaryRecord = defineRecord(
  'boundary',
  {
    name: shortText(200).min(1),
    kind: z.enum(BOUNDARY_KINDS),
    /** The reduced GeoJSON FeatureCollection (see parseBoundaryFile), as text. */
    geojson: z.string().max(MAX_BOUNDARY_CHARS),
  },
  { kind: 'other' as const },
);
export type BoundaryRecord = RecordOf<typeof boundaryRecord>;
export type BoundaryInput = InputOf<typeof boundaryRecord>;

export type Position = readonly [number, number];
export type Ring = readonly Position[];
/** One shape of the file: a name and its polygons (each an outer ring, then holes). */
export interface BoundaryShape {
  readonly name: string;
  readonly polygons: readonly (readonly Ring[])[];
}

export type BoundaryProblem =
  'too-large' | 'not-json' | 'not-geojson' | 'no-shapes' | 'too-many-shapes' | 'too-many-points' | 'bad-coordinates';

/** Why a boundary file was refused; `problem` is shown to the organizer in their language. */
export class BoundaryError extends Error {
  constructor(readonly problem: BoundaryProblem) {
    super(`boundary file: ${problem}`);
    this.name = 'BoundaryError';
  }
}

export interface ParsedBoundary {
  readonly shapes: readonly BoundaryShape[];
  /** Features left out because they are not polygons (points, lines). */
  readonly skipped: number;
  /** The reduced GeoJSON to store. */
  readonly geojson: string;
}

/** Reads a boundary file an organizer chose, or a stored copy. Throws BoundaryError. */
export function parseBoundaryFile(text: string, limit = MAX_BOUNDARY_FILE_CHARS): ParsedBoundary {
  if (text.length > limit) throw new BoundaryError('too-large');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BoundaryError('not-json');
  }
  const features = featuresOf(json);
  const shapes: BoundaryShape[] = [];
  let skipped = 0;
  let points = 0;
  for (const [i, f] of features.entries()) {
    const geometry = isObject(f) ? f.geometry : undefined;
    const polygons = isObject(geometry) ? polygonsOf(geometry) : null;
    if (!polygons) {
      skipped++;
      continue;
    }
    if (shapes.length >= MAX_BOUNDARY_SHAPES) throw new BoundaryError('too-many-shapes');
    const clean = polygons.map((rings) => rings.map((ring, k) => wind(cleanRing(ring), k === 0)));
    points += clean.reduce((n, rings) => n + rings.reduce((m, r) => m + r.length, 0), 0);
    if (points > MAX_BOUNDARY_POINTS) throw new BoundaryError('too-many-points');
    shapes.push({ name: nameOf(isObject(f) ? f.properties : undefined, i), polygons: clean });
  }
  if (!shapes.length) throw new BoundaryError('no-shapes');
  const geojson = JSON.stringify({
    type: 'FeatureCollection',
    features: shapes.map((s) => ({
      type: 'Feature',
      properties: { name: s.name },
      geometry: { type: 'MultiPolygon', coordinates: s.polygons },
    })),
  });
  if (geojson.length > MAX_BOUNDARY_CHARS) throw new BoundaryError('too-large');
  return { shapes, skipped, geojson };
}

/** The shapes of a stored boundary record; null when its copy cannot be read (a peer's bad write). */
export function boundaryShapes(record: Pick<BoundaryRecord, 'geojson'>): readonly BoundaryShape[] | null {
  try {
    return parseBoundaryFile(record.geojson, MAX_BOUNDARY_CHARS).shapes;
  } catch {
    // Documented above: null, and the map says the shape cannot be drawn.
    return null;
  }
}

/**
 * Is the point inside the shape? Even-odd ray casting on longitude and latitude: at a city's scale
 * the flat approximation is far below the size of a ZIP code, and it does not care how rings wind.
 */
export function shapeContains(shape: BoundaryShape, [x, y]: Position): boolean {
  let inside = false;
  for (const rings of shape.polygons)
    for (const ring of rings)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
  return inside;
}

/** The ZIP codes whose centroid lies inside the shape. */
export function zipsInShape(shape: BoundaryShape, centroids: Iterable<readonly [string, Position]>): string[] {
  const out: string[] = [];
  for (const [zip, at] of centroids) if (shapeContains(shape, at)) out.push(zip);
  return out.sort();
}

function featuresOf(json: unknown): unknown[] {
  if (!isObject(json)) throw new BoundaryError('not-geojson');
  if (json.type === 'FeatureCollection' && Array.isArray(json.features)) return json.features;
  if (json.type === 'Feature') return [json];
  if (json.type === 'Polygon' || json.type === 'MultiPolygon') return [{ geometry: json }];
  throw new BoundaryError('not-geojson');
}

/** A Polygon or MultiPolygon's rings; null for any other geometry (skipped, not refused). */
function polygonsOf(geometry: Record<string, unknown>): unknown[][] | null {
  const c = geometry.coordinates;
  if (!Array.isArray(c)) return null;
  if (geometry.type === 'Polygon') return [checkRings(c)];
  if (geometry.type === 'MultiPolygon') return c.map((p) => checkRings(Array.isArray(p) ? p : bad()));
  return null;
}

function checkRings(rings: unknown[]): unknown[] {
  if (!rings.length || !rings.every((r) => Array.isArray(r) && r.length >= 4)) bad();
  return rings;
}

function cleanRing(ring: unknown): Position[] {
  return (ring as unknown[]).map((p) => {
    if (!Array.isArray(p) || p.length < 2) bad();
    const [x, y] = p as unknown[];
    if (typeof x !== 'number' || typeof y !== 'number' || !(Math.abs(x) <= 180) || !(Math.abs(y) <= 90)) bad();
    return [round(x as number), round(y as number)] as const;
  });
}

/**
 * The map (d3-geo) reads rings on the sphere: an outer ring must run clockwise, a hole the other
 * way, or the shape is taken as the whole Earth outside it. Files in the GeoJSON standard's order
 * (RFC 7946: outer rings counter-clockwise) are turned around.
 */
function wind(ring: Position[], outer: boolean): Position[] {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    sum += (ring[i]![0] - ring[j]![0]) * (ring[i]![1] + ring[j]![1]);
  const clockwise = sum > 0;
  return clockwise === outer ? ring : [...ring].reverse();
}

const NAME_KEYS = /^(name|district|dist_name|label|title|nhood|neighborhood|council_district|turf)$/i;

function nameOf(properties: unknown, index: number): string {
  if (isObject(properties)) {
    const keys = Object.keys(properties);
    const key = keys.find((k) => NAME_KEYS.test(k)) ?? keys.find((k) => /name|district/i.test(k));
    const value = key === undefined ? undefined : properties[key];
    if ((typeof value === 'string' && value.trim()) || typeof value === 'number')
      return String(value).trim().slice(0, 200);
  }
  return `#${index + 1}`;
}

const round = (n: number) => Math.round(n * 1e5) / 1e5;

function bad(): never {
  throw new BoundaryError('bad-coordinates');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
