/**
 * Regions in the app: a member's region follows their ZIP code (on create, on edit, on import)
 * unless an organizer set it by hand; creating, editing, merging and deleting regions and branches
 * move the members they concern; the one-click fix for members with no region.
 */
import {
  addZipsToRegion,
  branchNames,
  createRegion,
  deleteRegion,
  mergeRegions,
  placeMembersFromZip,
  renameBranch,
  updateRegion,
  withoutRegion,
  regionsFromBoundary,
  zipsInOtherRegions,
  zipsInText,
} from '../../../shared/model';
import { applyImport, parseNationalList, planImport } from '../../../shared/csv';
import { nationalList } from '../csv/national-list-generator';
import { parseBoundaryFile, type Position } from '../../../shared/model/boundary';
import { makeSpace } from './helpers';

function chapter() {
  const { space } = makeSpace();
  const east = createRegion(space, { name: 'Eastside', branch: 'East', zipText: '90033, 90063' });
  const south = createRegion(space, { name: 'South LA', branch: 'South', zipText: '90001\n90002' });
  return { space, east, south };
}

test('a member’s region and branch follow the ZIP code on create and on edit', () => {
  const { space, east, south } = chapter();
  const id = space.members.create({ firstName: 'Ana', zip: '90033-1234' });
  expect(space.members.get(id)).toMatchObject({ regionId: east, branch: 'East', regionByHand: false });
  space.members.update(id, { zip: '90001' });
  expect(space.members.get(id)).toMatchObject({ regionId: south, branch: 'South' });
  space.members.update(id, { zip: '10001' }); // in no region: both go
  expect(space.members.get(id)?.regionId).toBeUndefined();
  expect(space.members.get(id)?.branch).toBeUndefined();
});

test('a region set by hand stays when the ZIP changes, until the organizer goes back to the ZIP', () => {
  const { space, east, south } = chapter();
  const id = space.members.create({ firstName: 'Ben', zip: '90033' });
  space.members.update(id, { regionId: south, branch: 'South' });
  expect(space.members.get(id)).toMatchObject({ regionId: south, regionByHand: true });
  space.members.update(id, { zip: '90063' });
  expect(space.members.get(id)?.regionId).toBe(south);
  updateRegion(space, east, { zipText: '90033 90063 90022' }); // reassigning does not move them either
  expect(space.members.get(id)?.regionId).toBe(south);
  space.members.update(id, { regionByHand: false });
  expect(space.members.get(id)).toMatchObject({ regionId: east, branch: 'East', regionByHand: false });
});

test('the national list import gives each member the region of their ZIP code', () => {
  const { space } = makeSpace();
  // The generator's ZIPs run from 90001 to 90090; these two regions cover 90001–90010.
  createRegion(space, { name: 'A', zipText: '90001 90002 90003 90004 90005' });
  createRegion(space, { name: 'B', zipText: '90006 90007 90008 90009 90010' });
  applyImport(space, planImport(space, parseNationalList(nationalList(200, 1))));
  const members = space.members.all();
  expect(members).toHaveLength(200);
  for (const m of members) expect(m.regionId !== undefined).toBe(Number(m.zip) <= 90010);
  expect(members.filter((m) => m.regionId).length).toBeGreaterThan(20);
});

test('members imported before any region exist are placed when their region is made', () => {
  const { space } = makeSpace();
  applyImport(space, planImport(space, parseNationalList(nationalList(90, 1))));
  expect(withoutRegion(space.members.all()).members).toHaveLength(90);
  const { zips } = withoutRegion(space.members.all());
  expect(zips[0]).toEqual({ zip: '90001', count: 1 });
  const id = createRegion(space, { name: 'Downtown', zips: ['90012', '90013'] });
  expect(space.members.all().filter((m) => m.regionId === id)).toHaveLength(2);
  addZipsToRegion(space, id, ['90014']); // the one-click fix: the ZIP joins a region, its members follow
  expect(space.members.all().filter((m) => m.regionId === id)).toHaveLength(3);
  expect(withoutRegion(space.members.all()).members).toHaveLength(87);
});

test('a ZIP taken out of a region lets its members go', () => {
  const { space, east } = chapter();
  const id = space.members.create({ firstName: 'Carmen', zip: '90063' });
  updateRegion(space, east, { zipText: '90033' });
  expect(space.members.get(id)?.regionId).toBeUndefined();
});

test('a ZIP given to another region moves there with its members, whichever region is older', () => {
  const { space, east, south } = chapter();
  const carmen = space.members.create({ firstName: 'Carmen', zip: '90063' });
  const dev = space.members.create({ firstName: 'Dev', zip: '90001' });
  expect(zipsInOtherRegions(space.regions.all(), south, ['90063', '90002'])).toEqual([
    { zip: '90063', region: space.regions.get(east) },
  ]);
  updateRegion(space, south, { zipText: '90001 90002 90063' });
  expect(space.regions.get(east)?.zips).toEqual(['90033']);
  expect(space.members.get(carmen)).toMatchObject({ regionId: south, branch: 'South' });
  updateRegion(space, east, { zipText: '90033 90001' }); // and back the other way
  expect(space.regions.get(south)?.zips).toEqual(['90002', '90063']);
  expect(space.members.get(dev)).toMatchObject({ regionId: east, branch: 'East' });
  const harbor = createRegion(space, { name: 'Harbor', zipText: '90731 90033' }); // a new region too
  expect(space.regions.get(east)?.zips).toEqual(['90001']);
  expect(zipsInOtherRegions(space.regions.all(), harbor, ['90033', '90731'])).toEqual([]);
});

test('merging regions moves ZIPs, members (hand-placed ones too), groups and neighbours', () => {
  const { space, east, south } = chapter();
  const third = createRegion(space, { name: 'Harbor', zipText: '90731', branch: 'South' });
  space.regions.update(third, { neighborIds: [east] });
  const auto = space.members.create({ firstName: 'Dev', zip: '90033' });
  const byHand = space.members.create({ firstName: 'Elena', zip: '90001', regionId: east, regionByHand: true });
  const group = space.groups.create({ name: 'Eastside tenants', regionId: east });
  mergeRegions(space, east, south);
  expect(space.regions.get(east)).toBeUndefined();
  expect(space.regions.get(south)?.zips).toEqual(['90001', '90002', '90033', '90063']);
  expect(space.members.get(auto)).toMatchObject({ regionId: south, branch: 'South', regionByHand: false });
  expect(space.members.get(byHand)).toMatchObject({ regionId: south, regionByHand: true });
  expect(space.groups.get(group)?.regionId).toBe(south);
  expect(space.regions.get(third)?.neighborIds).toEqual([south]);
  expect(() => mergeRegions(space, south, south)).toThrow(/itself/);
});

test('deleting a region sends its members back to their ZIP (or to no region)', () => {
  const { space, east, south } = chapter();
  const byHand = space.members.create({ firstName: 'Farid', zip: '90001', regionId: east, regionByHand: true });
  const auto = space.members.create({ firstName: 'Grace', zip: '90033' });
  deleteRegion(space, east);
  expect(space.members.get(byHand)).toMatchObject({ regionId: south, regionByHand: false });
  expect(space.members.get(auto)?.regionId).toBeUndefined();
  expect(withoutRegion(space.members.all()).zips).toEqual([{ zip: '90033', count: 1 }]);
});

test('renaming a branch renames it everywhere; renaming onto another merges; empty deletes', () => {
  const { space, east, south } = chapter();
  const ana = space.members.create({ firstName: 'Ana', zip: '90033' });
  const hand = space.members.create({ firstName: 'Héctor', branch: 'East', regionByHand: true });
  renameBranch(space, 'East', 'Eastside branch');
  expect(space.regions.get(east)?.branch).toBe('Eastside branch');
  expect(space.members.get(ana)?.branch).toBe('Eastside branch');
  expect(space.members.get(hand)?.branch).toBe('Eastside branch');
  renameBranch(space, 'Eastside branch', 'South');
  expect(branchNames(space.regions.all(), space.members.all())).toEqual(['South']);
  expect(space.regions.get(south)?.branch).toBe('South');
  renameBranch(space, 'South', '');
  expect(branchNames(space.regions.all(), space.members.all())).toEqual([]);
});

test('placing again writes only members whose place changed', () => {
  const { space } = chapter();
  space.members.create({ firstName: 'Ines', zip: '90033' });
  space.members.create({ firstName: 'José', zip: '90210' });
  let writes = 0;
  space.doc.on('update', () => writes++);
  expect(placeMembersFromZip(space)).toBe(0);
  expect(writes).toBe(0);
});

test('ZIP codes typed or pasted in any form', () => {
  expect(zipsInText('90001, 90002;90003\n90004-1234 9000 900011 90001')).toEqual(['90001', '90002', '90003', '90004']);
  expect(zipsInText('')).toEqual([]);
});

test('regions made from a boundary file take their ZIP codes from the regions that had them; made again, they are re-drawn', () => {
  const { space, east } = chapter();
  const square = (x: number) => [
    [x, 0],
    [x, 1],
    [x + 1, 1],
    [x + 1, 0],
    [x, 0],
  ];
  const shapes = parseBoundaryFile(
    JSON.stringify({
      type: 'FeatureCollection',
      features: [0, 2].map((x) => ({
        type: 'Feature',
        properties: { name: `CD ${x}` },
        geometry: { type: 'Polygon', coordinates: [square(x)] },
      })),
    }),
  ).shapes;
  const centroids: [string, Position][] = [
    ['90033', [0.5, 0.5]], // in CD 0, and in Eastside until now
    ['90012', [2.5, 0.5]], // in CD 2
    ['90063', [9, 9]], // in neither: stays in Eastside
  ];
  const carmen = space.members.create({ firstName: 'Carmen', zip: '90033' });
  expect(regionsFromBoundary(space, 'b1', shapes, centroids)).toEqual({ made: 2, updated: 0 });
  const cd0 = space.regions.all().find((r) => r.name === 'CD 0')!;
  expect(cd0.zips).toEqual(['90033']);
  expect(space.regions.get(east)?.zips).toEqual(['90063']);
  expect(space.members.get(carmen)?.regionId).toBe(cd0.id);
  // The organizer gives 90033 back to Eastside by hand, then makes the regions again: re-drawn, not doubled.
  updateRegion(space, east, { zipText: '90033 90063' });
  expect(regionsFromBoundary(space, 'b1', shapes, centroids)).toEqual({ made: 0, updated: 2 });
  expect(space.regions.all()).toHaveLength(4);
  expect(space.members.get(carmen)?.regionId).toBe(cd0.id);
});
