/**
 * The chapter's catalogue of needs and resources, boundary files kept in the space, regions next
 * to each other, counts by region and ZIP (the map's numbers), the per-region table and "who nearby
 * can help".
 */
import * as Y from 'yjs';
import {
  BoundaryError,
  MAX_BOUNDARY_SHAPES,
  boundaryShapes,
  catalogueEntries,
  codeFromLabel,
  countByPlace,
  createRegion,
  filterMembers,
  measureFilters,
  offeredCodes,
  parseBoundaryFile,
  regionTable,
  whoCanHelp,
  zipsInShape,
  type Measure,
  type Position,
} from '../../../shared/model';
import { regionNeighbors } from '../../../shared/model/adjacency';
import { generateChapter } from '../../../shared/sample/generate';
import { makeSpace, syncDocs } from './helpers';

describe('catalogue', () => {
  test('starts from the built-in lists; the chapter adds, labels and retires entries', () => {
    const { space } = makeSpace();
    expect(catalogueEntries([], 'need').map((e) => e.code)).toContain('childcare');
    expect(catalogueEntries([], 'need').find((e) => e.code === 'ride')?.metBy).toEqual(['has_car']);
    space.catalogue.save('need', codeFromLabel('need', 'Wheelchair ramp'), { label: 'Wheelchair ramp' });
    space.catalogue.save('need', 'evening_only', { retired: true });
    space.catalogue.save('need', 'ride', { metBy: ['has_car', 'has_truck'] });
    const needs = catalogueEntries(space.catalogue.all(), 'need');
    expect(needs.find((e) => e.code === 'wheelchair_ramp')).toMatchObject({ label: 'Wheelchair ramp', builtIn: false });
    expect(needs.find((e) => e.code === 'ride')?.metBy).toEqual(['has_car', 'has_truck']);
    expect(offeredCodes(needs)).not.toContain('evening_only');
    expect(offeredCodes(needs, ['evening_only'])).toContain('evening_only'); // a member who has it keeps seeing it
    // A built-in changed for the first time keeps its shipped matches.
    space.catalogue.save('need', 'food', { label: 'Groceries' });
    expect(catalogueEntries(space.catalogue.all(), 'need').find((e) => e.code === 'food')?.metBy).toEqual(['can_cook']);
    expect(() => space.catalogue.save('need', 'Not A Code', {})).toThrow(/code/);
    expect(codeFromLabel('need', '  Cuidado de niños! ')).toBe('cuidado_de_niños');
    expect(codeFromLabel('tag', ' Phone bank ')).toBe('Phone bank');
  });

  test('two organizers adding the same entry at once end with one entry', () => {
    const a = makeSpace('device-A');
    const b = makeSpace('device-B', new Y.Doc());
    a.space.catalogue.save('resource', 'has_van', { label: 'Has a van' });
    b.space.catalogue.save('resource', 'has_van', { label: 'Van' });
    syncDocs(a.doc, b.doc);
    expect(a.space.catalogue.all()).toHaveLength(1);
    expect(catalogueEntries(a.space.catalogue.all(), 'resource')).toEqual(
      catalogueEntries(b.space.catalogue.all(), 'resource'),
    );
  });
});

describe('boundary files', () => {
  const square = (x: number, y: number, d = 0.1) => [
    [x, y],
    [x, y + d],
    [x + d, y + d],
    [x + d, y],
    [x, y],
  ];
  const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
  const polygon = (name: string, ring: number[][]) => ({
    type: 'Feature',
    properties: { DISTRICT: name, other: 1 },
    geometry: { type: 'Polygon', coordinates: [ring] },
  });

  test('a file of council districts is reduced to named, rounded, drawable polygons', () => {
    const ccw = square(-118.3, 34.0).reverse(); // RFC 7946 order: counter-clockwise
    const parsed = parseBoundaryFile(
      collection(polygon('CD 1', square(-118.123456789, 34.0)), polygon('CD 2', ccw), {
        type: 'Feature',
        properties: {},
        geometry: { type: 'Point', coordinates: [-118, 34] },
      }),
    );
    expect(parsed.shapes.map((s) => s.name)).toEqual(['CD 1', 'CD 2']);
    expect(parsed.skipped).toBe(1);
    expect(parsed.shapes[0]!.polygons[0]![0]![0]).toEqual([-118.12346, 34]);
    // Both outer rings now run the same way (clockwise), whatever the file said.
    expect(parsed.shapes[1]!.polygons[0]![0]).toEqual(square(-118.3, 34.0));
    expect(JSON.parse(parsed.geojson).features[0].properties).toEqual({ name: 'CD 1' });
    expect(boundaryShapes({ geojson: parsed.geojson })).toEqual(parsed.shapes);
  });

  test.each([
    ['not JSON', '{"type": "FeatureCollection", "features": [', 'not-json'],
    ['JSON but not GeoJSON', '{"hello": "world"}', 'not-geojson'],
    ['only points', collection({ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0] } }), 'no-shapes'],
    ['a latitude off the Earth', collection(polygon('x', square(-118, 95))), 'bad-coordinates'],
    [
      'a coordinate that is text',
      collection(
        polygon('x', [
          ['a', 1],
          [1, 1],
          [1, 0],
          ['a', 1],
        ] as never),
      ),
      'bad-coordinates',
    ],
    [
      'a ring of two points',
      collection(
        polygon('x', [
          [0, 0],
          [1, 1],
        ]),
      ),
      'bad-coordinates',
    ],
    [
      'too many shapes',
      collection(...Array.from({ length: MAX_BOUNDARY_SHAPES + 1 }, (_, i) => polygon(`${i}`, square(0, 0)))),
      'too-many-shapes',
    ],
    [
      'too many points',
      collection(polygon('x', [...Array.from({ length: 200_001 }, (_, i) => [0, i / 1e6]), [0, 0]])),
      'too-many-points',
    ],
  ])('refuses %s with a reason', (_, text, problem) => {
    expect(() => parseBoundaryFile(text)).toThrow(BoundaryError);
    try {
      parseBoundaryFile(text);
    } catch (e) {
      expect((e as BoundaryError).problem).toBe(problem);
    }
  });

  test('refuses a file past the size limit before reading it', () => {
    expect(() => parseBoundaryFile(' '.repeat(101), 100)).toThrow(expect.objectContaining({ problem: 'too-large' }));
  });

  test('a stored copy a peer broke reads as unreadable, not as a crash', () => {
    expect(
      boundaryShapes({
        geojson:
          '{"type":"FeatureCollection","features":[{"geometry":{"type":"Polygon","coordinates":[[[1e400,0]]]}}]}',
      }),
    ).toBeNull();
    expect(boundaryShapes({ geojson: 'null' })).toBeNull();
  });

  test('the space refuses a copy larger than the limit', () => {
    const { space } = makeSpace();
    expect(() => space.boundaries.create({ name: 'x', geojson: ' '.repeat(2_000_001) })).toThrow();
    expect(space.boundaries.size).toBe(0);
  });

  test('the ZIP codes of a shape are those whose centroid lies inside it (holes excluded)', () => {
    const withHole = {
      type: 'Polygon',
      coordinates: [square(0, 0, 10), square(4, 4, 2)],
    };
    const [shape] = parseBoundaryFile(JSON.stringify(withHole)).shapes;
    const centroids: [string, Position][] = [
      ['00001', [1, 1]],
      ['00002', [5, 5]], // in the hole
      ['00003', [11, 1]],
      ['00004', [9.9, 9.9]],
    ];
    expect(zipsInShape(shape!, centroids)).toEqual(['00001', '00004']);
  });
});

describe('regions next to each other', () => {
  // Three regions in a row along a line of ZIPs 2 km apart, and one far away.
  const km = 1 / 111.32;
  const at = new Map<string, Position>([
    ['00001', [0, 0]],
    ['00002', [0, 2 * km]],
    ['00003', [0, 4 * km]],
    ['00004', [0, 6 * km]],
    ['00009', [0, 100 * km]],
  ]);
  const regions = [
    { id: 'a', zips: ['00001', '00002'], neighborIds: [] },
    { id: 'b', zips: ['00003'], neighborIds: [] },
    { id: 'c', zips: ['00004'], neighborIds: [] },
    { id: 'far', zips: ['00009', '99999'], neighborIds: ['a'] },
  ];

  test('touching ZIPs join regions; a ZIP between them keeps the ends apart; organizers may add more', () => {
    const n = regionNeighbors(regions, (z) => at.get(z));
    expect([...n.get('a')!].sort()).toEqual(['b', 'far']);
    expect([...n.get('b')!].sort()).toEqual(['a', 'c']);
    expect([...n.get('c')!]).toEqual(['b']);
    expect([...n.get('far')!]).toEqual(['a']); // by hand only: 94 km is past the limit
  });
});

describe('counts and help, on a generated chapter', () => {
  const chapter = generateChapter({ members: 2000, memberSkills: 600, notes: 0, events: 0, seed: 7 });
  const members = chapter.space.members.all();
  const skills = chapter.space.memberSkills.all();
  const measures: Measure[] = [
    { kind: 'members' },
    { kind: 'goodStanding' },
    { kind: 'active' },
    { kind: 'lapsed' },
    { kind: 'need', code: 'childcare' },
    { kind: 'resource', code: 'can_host' },
    { kind: 'language', code: 'es' },
    { kind: 'tag', code: chapter.space.members.all().find((m) => m.tags.length)!.tags[0]! },
    { kind: 'skill', skillId: chapter.skillIds[0]! },
  ];

  test.each(measures.map((m) => [m.kind, m] as const))('%s: the counts add up to the roster filter’s', (_, measure) => {
    const filters = { languages: ['en'] };
    const expected = filterMembers(filterMembers(members, filters, skills), measureFilters(measure), skills);
    for (const by of ['region', 'zip'] as const) {
      const counts = countByPlace(members, filters, measure, by, skills);
      expect(counts.total).toBe(expected.length);
      expect([...counts.byPlace.values()].reduce((a, b) => a + b, 0) + counts.unplaced).toBe(expected.length);
      for (const [place, n] of counts.byPlace)
        expect(n).toBe(expected.filter((m) => (by === 'region' ? m.regionId : m.zip) === place).length);
    }
    expect(expected.length).toBeGreaterThan(0);
  });

  test('the per-region table: members, active, needs, resources, skills taught', () => {
    const regions = chapter.space.regions.all();
    const table = regionTable(members, regions, skills);
    expect(table).toHaveLength(regions.length); // every generated member has a region
    expect(table.reduce((n, r) => n + r.members, 0)).toBe(members.length);
    const first = table[0]!;
    const inFirst = members.filter((m) => m.regionId === first.regionId);
    expect(first.members).toBe(inFirst.length);
    expect(first.needs.get('ride') ?? 0).toBe(inFirst.filter((m) => m.needs.includes('ride')).length);
    expect(first.resources.get('has_car') ?? 0).toBe(inFirst.filter((m) => m.resources.includes('has_car')).length);
    const ids = new Set(inFirst.map((m) => m.id));
    const teachers = skills.filter((s) => ids.has(s.memberId) && s.level === 'can_teach');
    expect([...first.teachable.values()].reduce((a, b) => a + b, 0)).toBe(teachers.length);
  });

  test('who nearby can help: same region first, then next door; never someone far away', () => {
    const { space } = makeSpace();
    const east = createRegion(space, { name: 'East', zipText: '90033' });
    const mid = createRegion(space, { name: 'Mid', zipText: '90012' });
    createRegion(space, { name: 'Harbor', zipText: '90731' });
    const neighbors = new Map([
      [east, new Set([mid])],
      [mid, new Set([east])],
    ]);
    const asker = space.members.create({ firstName: 'Ana', zip: '90033', needs: ['ride', 'childcare', 'remote_only'] });
    space.members.create({ firstName: 'Zoe', zip: '90033', resources: ['has_car'] });
    space.members.create({ firstName: 'Ben', zip: '90012', resources: ['has_car', 'can_childcare'] });
    space.members.create({ firstName: 'Far', zip: '90731', resources: ['has_car'] });
    const result = whoCanHelp(
      space.members.get(asker)!,
      space.members.all(),
      [],
      catalogueEntries([], 'need'),
      neighbors,
    );
    expect(result.map((r) => [r.need, r.helpers.map((h) => h.member.firstName)])).toEqual([
      ['ride', ['Zoe', 'Ben']],
      ['childcare', ['Ben']],
      ['remote_only', []],
    ]);
    expect(result[2]!.matchable).toBe(false);
    expect(result[0]!.helpers[0]).toMatchObject({ sameRegion: true, resources: ['has_car'] });
  });
});

describe('what a hostile peer can write', () => {
  test('regions claiming 40,000 ZIP codes (some twice) are answered at once: each ZIP counts once, n log n', () => {
    // A grid of 200 × 200 centroids 1 km apart, in 20 regions of 2,000 ZIPs, each region listing every ZIP again.
    const km = 1 / 111.32;
    const at = new Map<string, Position>();
    for (let i = 0; i < 40_000; i++) at.set(String(i).padStart(5, '0'), [(i % 200) * km, Math.floor(i / 200) * km]);
    const zips = [...at.keys()];
    const regions = Array.from({ length: 20 }, (_, r) => ({
      id: `r${String(r).padStart(2, '0')}`,
      zips: zips.slice(r * 2000, (r + 1) * 2000),
      neighborIds: [],
    }));
    const greedy = { id: 'zz-greedy', zips: zips.slice(0, 2000), neighborIds: [] };
    const n = regionNeighbors([...regions, greedy], (z) => at.get(z));
    // Bands of 10 rows each: region r touches r - 1 and r + 1 only; "zz-greedy" (last by id) keeps no ZIP.
    expect([...n.get('r05')!].sort()).toEqual(['r04', 'r06']);
    expect(n.get('zz-greedy')!.size).toBe(0);
  });

  test('a catalogue entry whose code members cannot hold is not offered', () => {
    const { space } = makeSpace();
    // Written the way a peer could: a record with the right shape but a code the member schema refuses.
    space.catalogue.save('tag', 'Phone Bank', {});
    const doc = space.doc;
    const peer = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({
      kind: 'need',
      code: 'Needs A Ramp!',
      retired: false,
      createdBy: 'x',
      createdAt: 1,
      updatedBy: 'x',
      updatedAt: 1,
    }))
      peer.set(k, v);
    doc.getMap('catalogue').set('anything', peer);
    const needs = catalogueEntries(space.catalogue.all(), 'need');
    expect(needs.map((e) => e.code)).not.toContain('Needs A Ramp!');
    expect(catalogueEntries(space.catalogue.all(), 'tag').map((e) => e.code)).toEqual(['Phone Bank']);
  });
});
