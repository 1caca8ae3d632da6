/**
 * Which regions are next to each other, for "who nearby can help" (help.ts).
 * Found from the ZIP codes' centroids: two ZIPs are neighbours when their
 * areas touch, as the map draws them (the Voronoi cells of the centroids: the
 * Delaunay triangulation's edges), and they are at most `maxKm` apart (so a bay
 * or a mountain range does not join two shores).
 * Two regions are next to each other when any of their ZIPs are, or when an
 * organizer says so (`Region.neighborIds`, either side).
 *
 * Each ZIP counts once (for the region `zipToRegion` gives it) and the
 * triangulation takes n log n, so regions a peer wrote with every ZIP code in
 * the country cost a moment, not hours.
 */
import { Delaunay } from 'd3-delaunay';
import type { Position } from './boundary';
import type { Region } from './region';
import { zipToRegion } from './region';

export type Neighbors = ReadonlyMap<string, ReadonlySet<string>>;

const KM_PER_DEGREE = 111.32;

export function regionNeighbors(
  regions: readonly Pick<Region, 'id' | 'zips' | 'neighborIds'>[],
  centroidOf: (zip: string) => Position | undefined,
  maxKm = 15,
): Neighbors {
  const out = new Map<string, Set<string>>(regions.map((r) => [r.id, new Set<string>()]));
  const link = (a: string, b: string) => {
    if (a === b || !out.has(a) || !out.has(b)) return;
    out.get(a)!.add(b);
    out.get(b)!.add(a);
  };
  for (const r of regions) for (const n of r.neighborIds) link(r.id, n);

  const points: { region: string; x: number; y: number }[] = [];
  for (const [zip, region] of zipToRegion(regions)) {
    const at = centroidOf(zip);
    if (at) points.push({ region, x: at[0], y: at[1] });
  }
  if (!points.length) return out;
  // Kilometres on a plane tangent at the middle latitude: fine at a chapter's scale.
  const lat0 = (points.reduce((s, p) => s + p.y, 0) / points.length) * (Math.PI / 180);
  const xy = points.map((p): [number, number] => [p.x * KM_PER_DEGREE * Math.cos(lat0), p.y * KM_PER_DEGREE]);
  // Two ZIPs whose Voronoi cells touch (their areas, as the map draws them) are Delaunay neighbours.
  const delaunay = Delaunay.from(xy);
  const max2 = maxKm * maxKm;
  for (let i = 0; i < points.length; i++)
    for (const j of delaunay.neighbors(i)) {
      if (j <= i || points[i]!.region === points[j]!.region) continue;
      const d2 = (xy[i]![0] - xy[j]![0]) ** 2 + (xy[i]![1] - xy[j]![1]) ** 2;
      if (d2 <= max2) link(points[i]!.region, points[j]!.region);
    }
  return out;
}
