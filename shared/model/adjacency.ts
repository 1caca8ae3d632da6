/**
 * Which regions are next to each other, for "who nearby can help" (help.ts).
 * Found from the ZIP codes' centroids: two ZIPs are neighbours when they are
 * neighbours in the Gabriel graph of all the regions' ZIPs (no other ZIP lies
 * in the circle whose diameter joins them: roughly, their areas touch) and are
 * at most `maxKm` apart (so a bay or a mountain range does not join two shores).
 * Two regions are next to each other when any of their ZIPs are, or when an
 * organizer says so (`Region.neighborIds`, either side).
 */
import type { Position } from './boundary';
import type { Region } from './region';

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
  for (const r of regions)
    for (const zip of r.zips) {
      const at = centroidOf(zip.slice(0, 5));
      if (at) points.push({ region: r.id, x: at[0], y: at[1] });
    }
  if (!points.length) return out;
  // Kilometres on a plane tangent at the middle latitude: fine at a chapter's scale.
  const lat0 = (points.reduce((s, p) => s + p.y, 0) / points.length) * (Math.PI / 180);
  const xy = points.map((p) => [p.x * KM_PER_DEGREE * Math.cos(lat0), p.y * KM_PER_DEGREE] as const);
  const max2 = maxKm * maxKm;
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length; j++) {
      if (points[i]!.region === points[j]!.region) continue;
      const [ax, ay] = xy[i]!;
      const [bx, by] = xy[j]!;
      const d2 = (ax - bx) ** 2 + (ay - by) ** 2;
      if (d2 > max2 || linked(out, points[i]!.region, points[j]!.region)) continue;
      const mx = (ax + bx) / 2;
      const my = (ay + by) / 2;
      const r2 = d2 / 4;
      let blocked = false;
      for (let k = 0; k < xy.length && !blocked; k++) {
        if (k === i || k === j) continue;
        blocked = (xy[k]![0] - mx) ** 2 + (xy[k]![1] - my) ** 2 < r2;
      }
      if (!blocked) link(points[i]!.region, points[j]!.region);
    }
  return out;
}

function linked(n: Map<string, Set<string>>, a: string, b: string): boolean {
  return n.get(a)?.has(b) ?? false;
}
