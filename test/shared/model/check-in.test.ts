/**
 * Check-in at the door (shared/model/check-in.ts, walk-in.ts): the attendance set keyed by member
 * id, on two or three laptops that check people in offline and sync in any order; what a peer may
 * have written into an event; walk-ins added with the consent they gave, in one transaction.
 */
import fc from 'fast-check';
import * as Y from 'yjs';
import { isAppError } from '../../../shared/errors';
import { MAX_ATTENDEES, checkInWalkIn, walkInMember } from '../../../shared/model';
import { makeSpace, snapshot, syncDocs } from './helpers';

function expectAppError(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(isAppError(caught) && caught.code).toBe(code);
}

/** One laptop holding a chapter of `n` members and one meeting; the others start from a copy of it. */
function door(laptops: number, n = 20) {
  const first = makeSpace('laptop-0');
  const members = Array.from({ length: n }, (_, i) =>
    first.space.members.create({ firstName: `Person${i}`, emails: [`p${i}@example.org`] }),
  );
  const event = first.space.attendance.create({ eventName: 'GM', kind: 'general_meeting', date: '2026-12-04' });
  const all = [first];
  for (let i = 1; i < laptops; i++) {
    const next = makeSpace(`laptop-${i}`, new Y.Doc());
    Y.applyUpdate(next.doc, Y.encodeStateAsUpdate(first.doc));
    all.push(next);
  }
  return { laptops: all, members, event };
}

describe('the attendance set', () => {
  test('a check-in is one key: a second tap is refused and not counted; the stamp says when and which laptop', () => {
    const { laptops, members, event } = door(1);
    const { space, clock } = laptops[0]!;
    clock.t = 1_800_000_000_000;
    expect(space.attendance.checkIn(event, members[0]!)).toBe(true);
    expect(space.attendance.checkIn(event, members[0]!)).toBe(false);
    expect(space.attendance.get(event)!.memberIds).toEqual([members[0]]);
    expect(space.attendance.checkIns(event).get(members[0]!)).toEqual({ at: 1_800_000_000_000, by: 'laptop-0' });
    expect(space.attendance.checkOut(event, members[0]!)).toBe(true);
    expect(space.attendance.checkOut(event, members[0]!)).toBe(false);
    expect(space.attendance.get(event)!.memberIds).toEqual([]);
  });

  test('a check-in writes one key of the set, never the list: an update of a few hundred bytes', () => {
    const { laptops, members, event } = door(1, 300);
    const { space, doc } = laptops[0]!;
    for (const m of members.slice(0, 299)) space.attendance.checkIn(event, m);
    const before = Y.encodeStateVector(doc);
    space.attendance.checkIn(event, members[299]!);
    expect(Y.encodeStateAsUpdate(doc, before).length).toBeLessThan(200);
  });

  test('three laptops checking in at one meeting, offline, then syncing: one list, nobody twice, nobody lost', () => {
    const { laptops, members, event } = door(3);
    const [a, b, c] = laptops as [(typeof laptops)[0], (typeof laptops)[0], (typeof laptops)[0]];
    a.space.attendance.checkIn(event, members[0]!);
    a.space.attendance.checkIn(event, members[1]!);
    b.space.attendance.checkIn(event, members[1]!); // the same person at two doors
    b.space.attendance.checkIn(event, members[2]!);
    c.space.attendance.checkIn(event, members[3]!);
    c.space.attendance.checkIn(event, members[1]!);
    syncDocs(a.doc, b.doc);
    syncDocs(b.doc, c.doc);
    syncDocs(a.doc, c.doc);
    const expected = [members[0], members[1], members[2], members[3]].sort();
    for (const l of laptops) expect(l.space.attendance.get(event)!.memberIds).toEqual(expected);
    // Every laptop shows the same stamp for the person checked in three times.
    const stamps = laptops.map((l) => l.space.attendance.checkIns(event).get(members[1]!));
    expect(new Set(stamps.map((s) => JSON.stringify(s))).size).toBe(1);
  });

  test('an undo on one laptop while another checks the same person in again: the check-in stays', () => {
    const { laptops, members, event } = door(2);
    const [a, b] = laptops as [(typeof laptops)[0], (typeof laptops)[0]];
    a.space.attendance.checkIn(event, members[0]!);
    syncDocs(a.doc, b.doc);
    a.space.attendance.checkOut(event, members[0]!);
    b.space.transact(() => {
      // B does not know of the undo: to B the person is present; a fresh check-in elsewhere is what a
      // second organizer does when the person shows up at the other door.
      b.space.attendance.checkOut(event, members[0]!);
      b.space.attendance.checkIn(event, members[0]!);
    });
    syncDocs(a.doc, b.doc);
    expect(a.space.attendance.get(event)!.memberIds).toEqual([members[0]]);
    expect(b.space.attendance.get(event)!.memberIds).toEqual([members[0]]);
  });

  test('property: any check-ins and undos on three laptops, synced in any order, converge; with no undo the list is the union', () => {
    const op = fc.record({ laptop: fc.nat(2), member: fc.nat(9), undo: fc.boolean() });
    const syncStep = fc.tuple(fc.nat(2), fc.nat(2));
    fc.assert(
      fc.property(fc.array(fc.oneof(op, syncStep), { maxLength: 40 }), fc.boolean(), (steps, undos) => {
        const { laptops, members, event } = door(3, 10);
        const checkedIn = new Set<string>();
        for (const step of steps) {
          if (Array.isArray(step)) {
            const [x, y] = step;
            if (x !== y) syncDocs(laptops[x]!.doc, laptops[y]!.doc);
            continue;
          }
          const { space } = laptops[step.laptop]!;
          const m = members[step.member]!;
          if (undos && step.undo) space.attendance.checkOut(event, m);
          else {
            space.attendance.checkIn(event, m);
            checkedIn.add(m);
          }
        }
        for (let round = 0; round < 2; round++)
          for (let x = 0; x < 3; x++)
            for (let y = 0; y < 3; y++) if (x !== y) syncDocs(laptops[x]!.doc, laptops[y]!.doc);
        const lists = laptops.map((l) => l.space.attendance.get(event)!.memberIds);
        expect(lists[1]).toEqual(lists[0]);
        expect(lists[2]).toEqual(lists[0]);
        expect(new Set(lists[0]).size).toBe(lists[0]!.length);
        if (!undos) expect(lists[0]).toEqual([...checkedIn].sort());
      }),
      { numRuns: 150, seed: 12 },
    );
  });

  test('what a peer wrote into the set is read safely: any value is "present, time unknown"', () => {
    const { laptops, members, event } = door(1);
    const { space, doc } = laptops[0]!;
    const set = space.attendance.map.get(event)!.get('memberIds') as Y.Map<unknown>;
    doc.transact(() => {
      set.set(members[0]!, 'yes');
      set.set(members[1]!, { at: -5, by: '' });
      set.set(members[2]!, { at: 1, by: 'laptop-9', walkIn: 'maybe' });
      set.set(members[3]!, { at: 2, by: 'laptop-9', walkIn: true });
    });
    const stamps = space.attendance.checkIns(event);
    expect([...stamps.keys()].sort()).toEqual(members.slice(0, 4).sort());
    expect(stamps.get(members[0]!)).toBeUndefined();
    expect(stamps.get(members[1]!)).toBeUndefined();
    expect(stamps.get(members[2]!)).toBeUndefined();
    expect(stamps.get(members[3]!)).toEqual({ at: 2, by: 'laptop-9', walkIn: true });
    expect(space.attendance.get(event)!.memberIds).toHaveLength(4);
  });

  test('an event whose list a peer wrote as a plain array becomes a set on the next check-in, keeping its ids', () => {
    const { laptops, members, event } = door(1);
    const { space, doc } = laptops[0]!;
    doc.transact(() => space.attendance.map.get(event)!.set('memberIds', [members[0], members[1]]));
    expect(space.attendance.get(event)!.memberIds).toEqual([members[0], members[1]]);
    expect(space.attendance.checkIn(event, members[1]!)).toBe(false);
    expect(space.attendance.checkIn(event, members[2]!)).toBe(true);
    expect(space.attendance.get(event)!.memberIds).toEqual(members.slice(0, 3).sort());
    expect(space.attendance.map.get(event)!.get('memberIds')).toBeInstanceOf(Y.Map);
  });

  test('bad calls are refused with the doc untouched: no event, an empty or oversized id, a full list', () => {
    const { laptops, members, event } = door(1);
    const { space, doc } = laptops[0]!;
    const before = snapshot(doc);
    expectAppError(() => space.attendance.checkIn('no-such-event', members[0]!), 'record-missing');
    expectAppError(() => space.attendance.checkIn(event, ''), 'invalid-data');
    expectAppError(() => space.attendance.checkIn(event, 'x'.repeat(201)), 'invalid-data');
    expect(snapshot(doc)).toEqual(before);
    const set = space.attendance.map.get(event)!.get('memberIds') as Y.Map<unknown>;
    doc.transact(() => {
      for (let i = 0; i < MAX_ATTENDEES; i++) set.set(`m${i}`, true);
    });
    const full = snapshot(doc);
    expectAppError(() => space.attendance.checkIn(event, members[0]!), 'invalid-data');
    expect(snapshot(doc)).toEqual(full);
    expect(space.attendance.get(event)!.memberIds).toHaveLength(MAX_ATTENDEES); // still a valid record
  });
});

describe('walk-ins', () => {
  function chapterWithRegion() {
    const { space, doc, clock } = makeSpace('laptop-A');
    const region = space.regions.create({ name: 'Eastside', zips: ['90033', '90063'] });
    const event = space.attendance.create({ eventName: 'GM', kind: 'general_meeting', date: '2026-12-04' });
    return { space, doc, clock, region, event };
  }

  test('added to the roster with only the consent they gave, placed in their region by ZIP, checked in as a walk-in', () => {
    const { space, region, event } = chapterWithRegion();
    const id = checkInWalkIn(space, event, {
      firstName: ' Zoraida ',
      lastName: 'Quintanilla',
      phone: '(323) 555-0101',
      zip: '90033',
      mayCall: true,
      mayText: false,
    });
    expect(space.members.get(id)).toMatchObject({
      firstName: 'Zoraida',
      lastName: 'Quintanilla',
      phones: ['(323) 555-0101'],
      emails: [],
      zip: '90033',
      regionId: region,
      doNotCall: false,
      textOptOut: true,
      ladderStage: 'contact',
    });
    expect(space.attendance.checkIns(event).get(id)).toMatchObject({ walkIn: true, by: 'laptop-A' });
    // Nothing ticked: no consent at all.
    expect(walkInMember(space, { firstName: 'Ana', mayCall: false, mayText: false })).toMatchObject({
      doNotCall: true,
      textOptOut: true,
    });
  });

  test('a bad walk-in (no name, a ZIP that is not one, an event that is gone) writes nothing at all', () => {
    const { space, doc, event } = chapterWithRegion();
    const before = snapshot(doc);
    const base = { firstName: 'Ana', mayCall: true, mayText: true };
    expectAppError(() => checkInWalkIn(space, event, { ...base, firstName: '  ' }), 'invalid-data');
    expectAppError(() => checkInWalkIn(space, event, { ...base, zip: '9003' }), 'invalid-data');
    expectAppError(() => checkInWalkIn(space, event, { ...base, email: 'not an address' }), 'invalid-data');
    expectAppError(() => checkInWalkIn(space, 'gone', base), 'record-missing');
    expect(snapshot(doc)).toEqual(before);
    expect(space.members.size).toBe(0);
  });
});
