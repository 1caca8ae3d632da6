/**
 * The sample chapter written a step at a time (what its worker sends), in Node with real Yjs: the same
 * chapter as the direct generator for the same seed, steps bounded to SAMPLE_STEP with whole members only,
 * progress in order, written on top of the space's own document, and a request out of bounds refused.
 */
import * as Y from 'yjs';
import { COLLECTIONS, SpaceData } from '../../../shared/model';
import { generateChapter, SAMPLE_STEP, writeChapter } from '../../../shared/sample/generate';
import { SAMPLE_PROTOCOL, sampleSteps, type SampleSize } from '../../../renderer/sample/sample-protocol';

const size: SampleSize = { members: 1_100, memberSkills: 1_300, notes: 2_600, seed: 4 };
const emptyBase = () => Y.encodeStateAsUpdate(new Y.Doc());
/** The document as a reader sees it (a SpaceData names every collection, so each is in the JSON). */
const asRead = (doc: Y.Doc) => {
  new SpaceData(doc, 'dev-reader');
  return doc.toJSON();
};

test('the steps make the same chapter as the direct generator: same seed, same records', () => {
  const doc = new Y.Doc();
  for (const step of sampleSteps({ v: SAMPLE_PROTOCOL, size, base: emptyBase() })) Y.applyUpdate(doc, step.update);
  const direct = generateChapter(size);
  expect(asRead(doc)).toEqual(asRead(direct.doc));
  expect(doc.getMap('members').size).toBe(1_100);
  // And another seed is another chapter: the comparison can fail.
  const other = new Y.Doc();
  for (const step of sampleSteps({ v: SAMPLE_PROTOCOL, size: { ...size, seed: 5 }, base: emptyBase() }))
    Y.applyUpdate(other, step.update);
  expect(asRead(other)).not.toEqual(asRead(direct.doc));
});

test('each step is bounded, holds whole members only, and progress comes in order', () => {
  const doc = new Y.Doc();
  const data = new SpaceData(doc, 'dev-reader');
  const counts = (): Record<string, number> => Object.fromEntries(COLLECTIONS.map((name) => [name, data[name].size]));
  let before = counts();
  const progress: number[] = [];
  let steps = 0;
  for (const step of sampleSteps({ v: SAMPLE_PROTOCOL, size, base: emptyBase() })) {
    Y.applyUpdate(doc, step.update);
    steps++;
    const after = counts();
    expect(after.members! - before.members!).toBeLessThanOrEqual(SAMPLE_STEP.members);
    expect(after.notes! - before.notes!).toBeLessThanOrEqual(SAMPLE_STEP.notes);
    expect(after.memberSkills! - before.memberSkills!).toBeLessThanOrEqual(SAMPLE_STEP.memberSkills);
    // Every member written so far reads back whole and valid, at every step.
    expect(data.members.list().problems).toEqual([]);
    expect(data.members.size).toBe(step.progress.members);
    expect(step.progress.of).toBe(size.members);
    progress.push(step.progress.members);
    before = after;
  }
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  expect(progress.slice(0, 11)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100]);
  expect(progress.at(-1)).toBe(1_100);
  // At least a step per 100 members, 400 skill records, 250 notes, and each of the year's 24 events.
  expect(steps).toBeGreaterThanOrEqual(11 + 3 + 10 + 24);
});

test('the chapter is written on top of the space document it was given: what the space holds stays', () => {
  const space = new SpaceData(new Y.Doc(), 'dev-A');
  space.catalogue.save('need', 'childcare', { label: 'Childcare' });
  space.members.create({ firstName: 'Ana', lastName: 'Ruiz' });
  const base = Y.encodeStateAsUpdate(space.doc);
  for (const step of sampleSteps({ v: SAMPLE_PROTOCOL, size: { ...size, members: 30, notes: 10 }, base }))
    Y.applyUpdate(space.doc, step.update);
  expect(space.members.size).toBe(31);
  expect(space.members.all().some((m) => m.firstName === 'Ana')).toBe(true);
  expect(space.catalogue.list().problems).toEqual([]);
});

test('writeChapter run a step per transaction gives one update per step', () => {
  const doc = new Y.Doc();
  let updates = 0;
  doc.on('update', () => updates++);
  const steps = writeChapter({ members: 600, memberSkills: 10, notes: 10, seed: 2 }, doc);
  let transactions = 0;
  for (let done = false; !done; transactions++) doc.transact(() => (done = !!steps.next().done));
  expect(updates).toBe(transactions);
});

test('a request the sample does not make is refused before anything is written', () => {
  const base = emptyBase();
  for (const bad of [
    { ...size, members: 10_001 },
    { ...size, members: -1 },
    { ...size, notes: 1.5 },
    { ...size, memberSkills: Number.NaN },
  ]) {
    expect(() => [...sampleSteps({ v: SAMPLE_PROTOCOL, size: bad, base })]).toThrow('sample: bad request');
  }
  expect(() => [...sampleSteps({ v: 99 as typeof SAMPLE_PROTOCOL, size, base })]).toThrow('sample: bad request');
});
