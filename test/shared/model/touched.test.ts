/** Which records an update wrote, as History names them: from the model's layout (shared/model/touched.ts). */
import * as Y from 'yjs';
import { SpaceData } from '../../../shared/model';
import { touchedRecords } from '../../../shared/model/touched';

function updatesOf(doc: Y.Doc, write: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listen = (update: Uint8Array) => updates.push(update);
  doc.on('update', listen);
  write();
  doc.off('update', listen);
  return Y.mergeUpdates(updates);
}

test('a new member names itself; an edit of one field names the member it belongs to', () => {
  const doc = new Y.Doc();
  const space = new SpaceData(doc, 'dev-A');
  const other = space.members.create({ firstName: 'Ella', lastName: 'Baker' }); // the first write also stamps meta
  let rosa = '';
  const created = updatesOf(doc, () => {
    rosa = space.members.create({ firstName: 'Rosa', lastName: 'Parks' });
  });
  expect(touchedRecords(doc, created)).toEqual([`members/${rosa}`]);

  const edited = updatesOf(doc, () => space.members.update(other, { pronouns: 'she/her' }));
  expect(touchedRecords(doc, edited)).toEqual([`members/${other}`]);
});

test('an update that does not decode names no record, and does not throw', () => {
  expect(touchedRecords(new Y.Doc(), new Uint8Array([255, 255, 255, 1]))).toEqual([]);
});
