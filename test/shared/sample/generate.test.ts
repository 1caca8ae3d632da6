import * as Y from 'yjs';
import { COLLECTIONS, SpaceData, seatOf, zipToRegion } from '../../../shared/model';
import { generateChapter } from '../../../shared/sample/generate';

describe('generateChapter', () => {
  const size = { members: 300, memberSkills: 200, notes: 400, events: 3, seed: 9 };
  const chapter = generateChapter(size);
  const { space } = chapter;

  test('makes the requested counts, all valid when read back', () => {
    expect(space.members.size).toBe(300);
    expect(space.memberSkills.size).toBe(200);
    expect(space.notes.size).toBe(400);
    // Plus two years of history: a general meeting and an action each month, a training each quarter.
    expect(space.attendance.size).toBe(3 + 24 * 2 + 8);
    for (const name of COLLECTIONS) {
      const c = space[name];
      expect({ name, problems: c.list().problems }).toEqual({ name, problems: [] });
    }
  });

  test('leadership: nobody holds two overlapping terms in one seat (the two co-chairs are two people)', () => {
    // Small chapters, where the two co-chairs' lines of terms are most likely to draw the same member.
    for (const members of [3, 10, 100]) {
      for (let seed = 1; seed <= 30; seed++) {
        const roles = generateChapter({ members, memberSkills: 0, notes: 0, events: 0, seed }).space.roles.all();
        const overlaps = roles.flatMap((a) =>
          roles
            .filter(
              (b) =>
                a.id < b.id &&
                a.holderId === b.holderId &&
                seatOf(a) === seatOf(b) &&
                a.termStart <= b.termEnd! &&
                b.termStart <= a.termEnd!,
            )
            .map((b) => `${a.role} ${a.termStart}..${a.termEnd} / ${b.termStart}..${b.termEnd}`),
        );
        expect({ members, seed, overlaps }).toEqual({ members, seed, overlaps: [] });
        expect(roles.filter((r) => r.role === 'co_chair' && r.termStart <= '2025-06-01').length).toBeGreaterThan(0);
      }
    }
  });

  test("a member's or a list's assigned organizer is a name as organizers type it, never a device key", () => {
    const assigned = [...space.members.all(), ...space.lists.all()].flatMap((r) =>
      r.assignedOrganizer ? [r.assignedOrganizer] : [],
    );
    expect(assigned.length).toBeGreaterThan(10);
    for (const name of assigned) expect(chapter.organizers).not.toContain(name);
    expect(assigned.every((name) => /^\p{Lu}\p{Ll}+ \p{Lu}\.$/u.test(name))).toBe(true);
  });

  test('is deterministic: same seed, same content; another seed differs', () => {
    const again = generateChapter(size);
    expect(again.doc.toJSON()).toEqual(chapter.doc.toJSON());
    expect(generateChapter({ ...size, seed: 10 }).doc.toJSON()).not.toEqual(chapter.doc.toJSON());
  });

  test('is realistic: accented Spanish names, LA ZIPs in their region, ~15+ fields per member', () => {
    const members = space.members.all();
    expect(members.some((m) => /[áéíóúñÁÉÍÓÚÑ]/.test(`${m.firstName} ${m.lastName}`))).toBe(true);
    const zips = zipToRegion(space.regions.all());
    for (const m of members) expect(zips.get(m.zip!)).toBe(m.regionId);
    const stored = [...space.members.map.values()].map((r) => r.size);
    expect(stored.reduce((a, b) => a + b, 0) / stored.length).toBeGreaterThanOrEqual(15);
  });

  test('the fixture is an ordinary space: another SpaceData can open a synced copy and edit it', () => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(chapter.doc));
    const other = new SpaceData(copy, 'dev-Z', { newId: () => 'new-id' });
    const id = chapter.memberIds[0]!;
    other.members.update(id, { tags: ['checked'] });
    expect(other.members.get(id)!.tags).toEqual(['checked']);
    expect(other.name).toBe('Los Angeles chapter');
  });
});
