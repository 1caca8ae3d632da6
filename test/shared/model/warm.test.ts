/**
 * Collection.warm: reading a large collection's records in slices before a view lists them
 * (ARCHITECTURE.md "Views read what they show"). Warming only fills the cache: what is read after is what
 * would have been read without it, including every change that arrived between two slices.
 */
import { SpaceData } from '../../../shared/model';
import { makeSpace } from './helpers';
import { coOrganizer } from './co-organizer';

/** Stops after `records` records (warm asks every 16). */
const upTo = (records: number) => {
  let asked = 0;
  return () => ++asked * 16 >= records;
};

function chapter(n: number) {
  const { space, doc } = makeSpace('dev-A');
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(space.members.create({ firstName: `Member${i}`, lastName: 'Test' }));
  return { space, doc, ids };
}

describe('Collection.warm', () => {
  test('reads the records in slices, going on where it stopped, and says when all are read', () => {
    const { doc, ids } = chapter(100);
    // A fresh reader of the same document: nothing read yet.
    const fresh = new SpaceData(doc, 'dev-A');
    expect(fresh.members.warm(upTo(32))).toBe(false);
    expect(fresh.members.warm(upTo(32))).toBe(false);
    expect(fresh.members.warm(upTo(32))).toBe(false);
    expect(fresh.members.warm(upTo(32))).toBe(true);
    expect(fresh.members.all().map((m) => m.id)).toEqual(ids);
  });

  test('gives the same records as a reader that never warmed', () => {
    const { doc } = chapter(40);
    const warmed = new SpaceData(doc, 'dev-A');
    while (!warmed.members.warm(upTo(16)));
    const cold = new SpaceData(doc, 'dev-A');
    expect(warmed.members.all()).toEqual(cold.members.all());
  });

  test('a co-organizer’s edits between two slices are all read: a change, an addition, a deletion', () => {
    const { space, ids } = chapter(100);
    const reader = new SpaceData(space.doc, 'dev-A');
    const edit = coOrganizer(space).edit;
    expect(reader.members.warm(upTo(48))).toBe(false);
    let added = '';
    // One record already read, one not read yet; one added; one deleted before it was read.
    edit((d) => d.members.update(ids[0]!, { lastName: 'Changed' }));
    edit((d) => d.members.update(ids[90]!, { lastName: 'Later' }));
    edit((d) => (added = d.members.create({ firstName: 'New', lastName: 'Member' })));
    edit((d) => d.members.delete(ids[95]!));
    while (!reader.members.warm(upTo(48)));
    const all = reader.members.all();
    expect(all).toHaveLength(100);
    expect(all.find((m) => m.id === ids[0])?.lastName).toBe('Changed');
    expect(all.find((m) => m.id === ids[90])?.lastName).toBe('Later');
    expect(all.find((m) => m.id === added)?.firstName).toBe('New');
    expect(all.some((m) => m.id === ids[95])).toBe(false);
  });
});

describe('Collection.list', () => {
  test('gives each caller its own array (sorting it changes no other), and a write is listed at once', () => {
    const { space, ids } = chapter(5);
    const first = space.members.all();
    first.reverse();
    expect(space.members.all().map((m) => m.id)).toEqual(ids);
    // Inside one transaction too: the write is seen by the next read, before the transaction's observers run.
    space.doc.transact(() => {
      space.members.update(ids[0]!, { lastName: 'Now' });
      const added = space.members.create({ firstName: 'Added', lastName: 'Now' });
      space.members.delete(ids[1]!);
      const listed = space.members.all();
      expect(listed.find((m) => m.id === ids[0])?.lastName).toBe('Now');
      expect(listed.some((m) => m.id === added)).toBe(true);
      expect(listed.some((m) => m.id === ids[1])).toBe(false);
    });
  });

  test('a co-organizer’s edit is listed after it arrives', () => {
    const { space, ids } = chapter(5);
    space.members.all();
    const edit = coOrganizer(space).edit;
    edit((d) => d.members.update(ids[2]!, { firstName: 'Synced' }));
    expect(space.members.all().find((m) => m.id === ids[2])?.firstName).toBe('Synced');
  });
});
