/**
 * What organizers do with regions and branches, each in one transaction that
 * also moves the members it concerns: a member whose region follows the ZIP
 * code (`regionByHand` false) is placed again from the regions as they now are;
 * a member placed by hand keeps their choice, except that a region merged away
 * takes its members along and a deleted one lets them go back to their ZIP.
 */
import { AppError } from '../errors';
import { zipsInShape, type BoundaryShape, type Position } from './boundary';
import type { Member } from './member';
import type { Region } from './region';
import { zipsInText } from './region';
import type { SpaceData } from './space-data';

/**
 * Places again every member whose region follows the ZIP code; returns how many moved. Members
 * already in the right place are not written (a write stamps the record and syncs).
 */
export function placeMembersFromZip(data: SpaceData, members: readonly Member[] = data.members.all()): number {
  let moved = 0;
  data.transact(() => {
    for (const m of members) {
      if (m.regionByHand) continue;
      const place = data.placeOf(m.zip);
      if (place.regionId === m.regionId && place.branch === m.branch) continue;
      data.members.update(m.id, { regionByHand: false });
      moved++;
    }
  });
  return moved;
}

export interface RegionFields {
  readonly name: string;
  readonly branch?: string;
  /** Typed or pasted: any text with ZIP codes in it. */
  readonly zipText?: string;
  readonly zips?: readonly string[];
}

/** A new region; its ZIP codes' members join it (ZIP codes another region had move to it). */
export function createRegion(data: SpaceData, fields: RegionFields): string {
  return data.transact(() => {
    const zips = zipsOf(fields);
    const id = data.regions.create({
      name: fields.name.trim(),
      ...(fields.branch?.trim() ? { branch: fields.branch.trim() } : {}),
      zips,
    });
    takeZipsFromOthers(data, id, zips);
    placeMembersFromZip(data);
    return id;
  });
}

/**
 * Renames, re-branches or re-draws a region; the members of ZIPs it gained or lost move with it.
 * A ZIP code it gains that another region had moves here (a ZIP code is in one region).
 */
export function updateRegion(data: SpaceData, id: string, fields: Partial<RegionFields>): void {
  const region = existing(data, id);
  data.transact(() => {
    const patch: Parameters<SpaceData['regions']['update']>[1] = {};
    if (fields.name !== undefined) patch.name = fields.name.trim();
    if (fields.branch !== undefined) patch.branch = fields.branch.trim() || undefined;
    if (fields.zipText !== undefined || fields.zips !== undefined) patch.zips = zipsOf(fields);
    data.regions.update(region.id, patch);
    if (patch.zips) takeZipsFromOthers(data, region.id, patch.zips);
    placeMembersFromZip(data);
  });
}

/** Adds ZIP codes to a region (the one-click fix for members whose ZIP is in no region). */
export function addZipsToRegion(data: SpaceData, id: string, zips: readonly string[]): void {
  const region = existing(data, id);
  updateRegion(data, id, { zips: [...new Set([...region.zips, ...zips])] });
}

/**
 * Merges `fromId` into `intoId`: the ZIP codes, neighbours and members of the first (hand-placed
 * ones too) go to the second, working groups tied to it follow, and the first is deleted.
 */
export function mergeRegions(data: SpaceData, fromId: string, intoId: string): void {
  const from = existing(data, fromId);
  const into = existing(data, intoId);
  if (from.id === into.id) throw new AppError('invalid-data', 'region: cannot merge a region into itself');
  data.transact(() => {
    data.regions.update(into.id, {
      zips: [...new Set([...into.zips, ...from.zips])],
      neighborIds: [...new Set([...into.neighborIds, ...from.neighborIds])].filter(
        (n) => n !== into.id && n !== from.id,
      ),
    });
    for (const m of data.members.all())
      if (m.regionId === from.id && m.regionByHand)
        data.members.update(m.id, { regionId: into.id, branch: into.branch, regionByHand: true });
    retarget(data, from.id, into.id);
    data.regions.delete(from.id);
    placeMembersFromZip(data);
  });
}

/** Deletes a region: its members go back to the region their ZIP gives (or none), groups lose the link. */
export function deleteRegion(data: SpaceData, id: string): void {
  const region = existing(data, id);
  data.transact(() => {
    for (const m of data.members.all())
      if (m.regionId === region.id && m.regionByHand) data.members.update(m.id, { regionByHand: false });
    retarget(data, region.id, undefined);
    data.regions.delete(region.id);
    placeMembersFromZip(data);
  });
}

/**
 * "Make regions from its areas": one region per shape of a boundary file (or the region made from
 * that shape before, re-drawn), holding the ZIP codes whose centroid lies inside the shape. Like any
 * region given ZIP codes, it takes them from the regions that had them; the members are placed once.
 */
export function regionsFromBoundary(
  data: SpaceData,
  boundaryId: string,
  shapes: readonly BoundaryShape[],
  centroids: Iterable<readonly [string, Position]>,
): { made: number; updated: number } {
  const points = [...centroids];
  let made = 0;
  data.transact(() => {
    const before = data.regions.all();
    shapes.forEach((shape, feature) => {
      const zips = zipsInShape(shape, points);
      const existing = before.find((r) => r.boundary?.boundaryId === boundaryId && r.boundary.feature === feature);
      const id = existing?.id ?? data.regions.create({ name: shape.name, zips, boundary: { boundaryId, feature } });
      if (existing) data.regions.update(id, { zips });
      else made++;
      takeZipsFromOthers(data, id, zips);
    });
    placeMembersFromZip(data);
  });
  return { made, updated: shapes.length - made };
}

/** The branches named by regions or members, each once, by name. */
export function branchNames(regions: readonly Region[], members: readonly Member[] = []): string[] {
  const names = new Set<string>();
  for (const r of regions) if (r.branch) names.add(r.branch);
  for (const m of members) if (m.branch) names.add(m.branch);
  return [...names].sort((a, b) => a.localeCompare(b));
}

/**
 * Renames a branch on every region and member that names it; renaming to an existing branch merges
 * the two. An empty name deletes the branch: its regions and members are left with none.
 */
export function renameBranch(data: SpaceData, from: string, to: string): void {
  const name = to.trim() || undefined;
  if (name && name.length > 100) throw new AppError('invalid-data', 'branch: at most 100 characters');
  data.transact(() => {
    for (const r of data.regions.all()) if (r.branch === from) data.regions.update(r.id, { branch: name });
    for (const m of data.members.all())
      if (m.branch === from) data.members.update(m.id, { branch: name, regionByHand: m.regionByHand });
  });
}

/** Members with no region, and the ZIP codes that would place most of them, most members first. */
export function withoutRegion(members: readonly Member[]): {
  members: Member[];
  zips: { zip: string; count: number }[];
} {
  const out = members.filter((m) => m.regionId === undefined);
  const counts = new Map<string, number>();
  for (const m of out) if (m.zip) counts.set(m.zip.slice(0, 5), (counts.get(m.zip.slice(0, 5)) ?? 0) + 1);
  const zips = [...counts].map(([zip, count]) => ({ zip, count }));
  zips.sort((a, b) => b.count - a.count || (a.zip < b.zip ? -1 : 1));
  return { members: out, zips };
}

/**
 * Which region holds each of these ZIP codes now, other than `regionId`: what saving them to
 * `regionId` would take from other regions (the region form says so before saving).
 */
export function zipsInOtherRegions(
  regions: readonly Region[],
  regionId: string | undefined,
  zips: readonly string[],
): { zip: string; region: Region }[] {
  const holder = new Map<string, Region>();
  for (const r of regions) if (r.id !== regionId) for (const z of r.zips) if (!holder.has(z)) holder.set(z, r);
  return zips.flatMap((zip) => {
    const region = holder.get(zip.slice(0, 5));
    return region ? [{ zip: zip.slice(0, 5), region }] : [];
  });
}

/**
 * A ZIP code is in one region: the one the organizer last gave it to. Without this, a ZIP listed
 * by two regions stays with the first by id (zipToRegion) and its members would not follow the
 * organizer's latest choice.
 */
function takeZipsFromOthers(data: SpaceData, id: string, zips: readonly string[]): void {
  const given = new Set(zips.map((z) => z.slice(0, 5)));
  for (const r of data.regions.all()) {
    if (r.id === id || !r.zips.some((z) => given.has(z.slice(0, 5)))) continue;
    data.regions.update(r.id, { zips: r.zips.filter((z) => !given.has(z.slice(0, 5))) });
  }
}

function zipsOf(fields: Partial<RegionFields>): string[] {
  const typed = fields.zipText === undefined ? [] : zipsInText(fields.zipText);
  return [...new Set([...(fields.zips ?? []).map((z) => z.slice(0, 5)), ...typed])].sort();
}

function existing(data: SpaceData, id: string): Region {
  const region = data.regions.get(id);
  if (!region) throw new AppError('record-missing', 'region: no such region');
  return region;
}

/** Groups and other regions' neighbour lists that name `from` name `to` instead (or nothing). */
function retarget(data: SpaceData, from: string, to: string | undefined): void {
  for (const g of data.groups.all()) if (g.regionId === from) data.groups.update(g.id, { regionId: to });
  for (const r of data.regions.all()) {
    if (r.id === from || !r.neighborIds.includes(from)) continue;
    const next = r.neighborIds.filter((n) => n !== from);
    if (to && to !== r.id && !next.includes(to)) next.push(to);
    data.regions.update(r.id, { neighborIds: next });
  }
}
