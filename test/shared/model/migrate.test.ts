import * as Y from 'yjs';
import { collectionMap, migrate, SCHEMA_VERSION } from '../../../shared/model';
import { makeSpace, snapshot, syncDocs } from './helpers';

const stamps = { createdBy: 'old-dev', createdAt: 1, updatedBy: 'old-dev', updatedAt: 1 };

/** A doc as version 1 wrote it: single `phone` / `email` strings, note bodies as plain strings. */
function v1Doc(version: number | undefined = 1): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    if (version !== undefined) doc.getMap('meta').set('schemaVersion', version);
    const members = collectionMap(doc, 'members');
    const m1 = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({
      firstName: 'Inés',
      phone: '(818) 555-0123',
      email: 'ines@example.org',
      ...stamps,
    }))
      m1.set(k, v);
    members.set('m1', m1);
    const m2 = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ firstName: 'Raúl', phone: '', ...stamps })) m2.set(k, v);
    members.set('m2', m2);
    const note = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({
      kind: 'call',
      date: '2021-03-04',
      body: 'Old plain body',
      done: false,
      author: 'old-dev',
      sensitivity: 'standard',
      ...stamps,
    }))
      note.set(k, v);
    collectionMap(doc, 'notes').set('n1', note);
  });
  return doc;
}

describe('migrations', () => {
  test('v1 → v2: phone/email become lists, note body becomes a Y.Text', () => {
    const doc = v1Doc();
    expect(migrate(doc)).toEqual({ from: 1, to: SCHEMA_VERSION });
    const m1 = collectionMap(doc, 'members').get('m1')!;
    expect(m1.get('phones')).toEqual(['(818) 555-0123']);
    expect(m1.get('emails')).toEqual(['ines@example.org']);
    expect(m1.has('phone')).toBe(false);
    expect(collectionMap(doc, 'members').get('m2')!.get('phones')).toEqual([]);
    expect(collectionMap(doc, 'notes').get('n1')!.get('body')).toBeInstanceOf(Y.Text);
    expect(doc.getMap('meta').get('schemaVersion')).toBe(2);

    const { space } = makeSpace('dev-A', doc);
    expect(space.members.list().problems).toEqual([]);
    expect(space.members.get('m1')).toMatchObject({ firstName: 'Inés', phones: ['(818) 555-0123'] });
    expect(space.notes.get('n1')!.body).toBe('Old plain body');
  });

  test('v0 (no version stamp) migrates the same way; opening a SpaceData migrates', () => {
    const doc = v1Doc(undefined);
    const { space } = makeSpace('dev-A', doc);
    expect(space.schemaVersion).toBe(SCHEMA_VERSION);
    expect(space.members.get('m1')!.emails).toEqual(['ines@example.org']);
  });

  test('migrating twice changes nothing; an empty doc is left alone', () => {
    const doc = v1Doc();
    migrate(doc);
    const once = snapshot(doc);
    expect(migrate(doc)).toEqual({ from: 2, to: 2 });
    expect(snapshot(doc)).toEqual(once);
    const empty = new Y.Doc();
    expect(migrate(empty)).toEqual({ from: undefined, to: undefined });
    expect(snapshot(empty)).toEqual(snapshot(new Y.Doc()));
  });

  test('two peers migrating the same v1 doc concurrently converge', () => {
    const a = v1Doc();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    migrate(a);
    migrate(b);
    syncDocs(a, b);
    const sa = makeSpace('dev-A', a).space;
    const sb = makeSpace('dev-B', b).space;
    expect(sa.members.get('m1')).toEqual(sb.members.get('m1'));
    expect(sa.notes.get('n1')!.body).toBe('Old plain body');
    expect(sb.notes.get('n1')!.body).toBe('Old plain body');
  });
});

describe('fields written by a newer version are kept', () => {
  test('an older client updating a member keeps the fields it does not know, and they sync back', () => {
    const newer = makeSpace('dev-new');
    const id = newer.space.members.create({ firstName: 'Lucía' });
    newer.doc.transact(() => {
      const rec = collectionMap(newer.doc, 'members').get(id)!;
      rec.set('favouriteColour', 'teal');
      rec.set('signalHandle', new Y.Text('@lucia.42'));
      newer.doc.getMap('futureThings').set('x', 1);
    });
    const older = makeSpace('dev-old', new Y.Doc());
    Y.applyUpdate(older.doc, Y.encodeStateAsUpdate(newer.doc));

    expect(older.space.members.get(id)).not.toHaveProperty('favouriteColour'); // not in the typed view...
    older.space.members.update(id, { lastName: 'Peña', tags: ['host'] });
    older.space.members.update(id, { assessment: 3 });
    expect(older.space.members.raw(id)).toMatchObject({ favouriteColour: 'teal', signalHandle: '@lucia.42' }); // ...but kept

    syncDocs(newer.doc, older.doc);
    const rec = collectionMap(newer.doc, 'members').get(id)!;
    expect(rec.get('favouriteColour')).toBe('teal');
    expect((rec.get('signalHandle') as Y.Text).toString()).toBe('@lucia.42');
    expect(rec.get('lastName')).toBe('Peña');
    expect(newer.doc.getMap('futureThings').get('x')).toBe(1);
  });
});
