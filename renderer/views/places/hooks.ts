/**
 * The data the places views read, each in a small hook (so that how views subscribe to the
 * document can change in one place).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Neighbors } from '../../../shared/model/adjacency';
import { boundaryShapes, type BoundaryRecord, type BoundaryShape } from '../../../shared/model/boundary';
import type { Member } from '../../../shared/model/member';
import type { Region } from '../../../shared/model/region';
import type { MemberSkill } from '../../../shared/model/skill';

import { useRecords } from '../../app/useRecords';
import type { Centroids } from './geo';
import type { BoundaryLayer } from './map-geometry';

export function useRegions(): readonly Region[] {
  return useRecords((data) => data.regions.all().sort((a, b) => a.name.localeCompare(b.name)), [], 'regions');
}

export function useMemberSkills(needed = true): readonly MemberSkill[] {
  return useRecords((data) => (needed ? data.memberSkills.all() : []), [needed], 'memberSkills');
}

/** Shapes per stored record: records are frozen and replaced when they change, so each file is read once. */
const shapesOf = new WeakMap<BoundaryRecord, readonly BoundaryShape[] | null>();
export function readShapes(record: BoundaryRecord): readonly BoundaryShape[] | null {
  if (!shapesOf.has(record)) shapesOf.set(record, boundaryShapes(record));
  return shapesOf.get(record)!;
}

/** The chapter's boundary files that can be read (a copy a peer broke is listed as unreadable, not drawn). */
export function useBoundaryLayers(): readonly BoundaryLayer[] {
  // Read again only when the files change: another change keeps the same layers, so the map is not laid out again.
  return useRecords(
    (data) =>
      data.boundaries.all().flatMap((b) => {
        const shapes = readShapes(b);
        return shapes ? [{ boundaryId: b.id, shapes }] : [];
      }),
    [],
    'boundaries',
  );
}

/** Every ZIP code the chapter touches (its regions' and its members'), sorted: what the map frames. */
export function useChapterZips(regions: readonly Region[], members: readonly Member[]): readonly string[] {
  const zips = useMemo(() => {
    const set = new Set<string>();
    for (const r of regions) for (const z of r.zips) set.add(z.slice(0, 5));
    for (const m of members) if (m.zip) set.add(m.zip.slice(0, 5));
    return [...set].sort();
  }, [regions, members]);
  // The same ZIPs after an edit elsewhere keep the same array, so the map's geometry is not rebuilt.
  const kept = useRef(zips);
  if (kept.current !== zips && kept.current.join(',') !== zips.join(',')) kept.current = zips;
  return kept.current;
}

/** Regions next to each other; the triangulation's code (d3-delaunay) loads on first use, as the map's does. */
export function useNeighbors(regions: readonly Region[], centroids: Centroids | null): Neighbors {
  const [neighbors, setNeighbors] = useState<Neighbors>(NO_NEIGHBORS);
  useEffect(() => {
    let current = true;
    void import('../../../shared/model/adjacency').then(({ regionNeighbors }) => {
      if (current) setNeighbors(regionNeighbors(regions, (z) => centroids?.get(z)));
    });
    return () => {
      current = false;
    };
  }, [regions, centroids]);
  return neighbors;
}
const NO_NEIGHBORS: Neighbors = new Map();
