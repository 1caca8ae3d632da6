/**
 * Applying an import a slice at a time, in Node with real Yjs: the same roster
 * as one transaction, whole members per transaction, progress after each
 * slice; stopped early, what was written is complete and the same file adds
 * the rest; a change arriving between slices makes it plan again (nobody
 * created twice, consent never loosened).
 */
import * as Y from 'yjs';
import { applyInChunks, type ApplyProgress } from '../../../renderer/csv/apply-in-chunks';
import { applyImport, consentKey, parseNationalList, planImport } from '../../../shared/csv';
import { lastImportRows, SpaceData } from '../../../shared/model';
import { space } from '../../shared/csv/helpers';
import { nationalList } from '../../shared/csv/national-list-generator';

const ROWS = 1_200;
const list = parseNationalList(nationalList(ROWS, 1));

/** Each transaction's member ids, in order. */
function transactionsOf(data: SpaceData): Set<string>[] {
  const seen: Set<string>[] = [];
  data.members.observe((ids) => seen.push(new Set(ids)));
  return seen;
}

const byEmail = (data: SpaceData) =>
  data.members
    .all()
    .map(({ id: _id, createdAt: _c, updatedAt: _u, ...rest }) => rest)
    .sort((a, b) => a.emails[0]!.localeCompare(b.emails[0]!));

test('slices write the same roster as one transaction, whole members each, with progress', async () => {
  const sliced = space();
  const transactions = transactionsOf(sliced);
  const progress: ApplyProgress[] = [];
  const result = await applyInChunks(sliced, planImport(sliced, list), {
    maxPerSlice: 250,
    budgetMs: 10_000,
    onProgress: (p) => progress.push(p),
  });
  expect(result).toEqual({
    created: ROWS,
    updated: 0,
    newlyLapsed: 0,
    consentAccepted: 0,
    replanned: false,
    complete: true,
  });
  expect(progress.map((p) => p.done)).toEqual([250, 500, 750, 1000, 1200]);
  expect(progress.every((p) => p.total === ROWS)).toBe(true);
  // Five transactions, each creating whole members: no member spans two.
  expect(transactions.map((t) => t.size)).toEqual([250, 250, 250, 250, 200]);

  const whole = space();
  applyImport(whole, planImport(whole, list));
  expect(byEmail(sliced)).toEqual(byEmail(whole));
});

test('a time budget ends a slice early: many small transactions, the same result', async () => {
  const data = space();
  const transactions = transactionsOf(data);
  let pauses = 0;
  const result = await applyInChunks(data, planImport(data, list), {
    budgetMs: 0,
    pause: async () => {
      pauses++;
    },
  });
  expect(result.created).toBe(ROWS);
  expect(transactions).toHaveLength(ROWS); // one member per slice when there is no time left
  expect(pauses).toBe(ROWS - 1);
});

test('stopped between slices (screen closed, locking): whole members only, and the same file adds the rest', async () => {
  const data = space();
  const controller = new AbortController();
  const result = await applyInChunks(data, planImport(data, list), {
    maxPerSlice: 500,
    budgetMs: 10_000,
    signal: controller.signal,
    onProgress: (p) => {
      if (p.done >= 500) controller.abort();
    },
  });
  expect(result).toMatchObject({ created: 500, complete: false });
  const listing = data.members.list();
  expect(listing.records).toHaveLength(500);
  expect(listing.problems).toEqual([]); // every written member reads back valid: none half written

  const rest = planImport(data, list);
  expect(rest.created).toHaveLength(ROWS - 500);
  expect(rest.unchanged).toBe(500);
  await applyInChunks(data, rest);
  expect(data.members.size).toBe(ROWS);
});

test('a sync between slices makes it plan again: nobody twice, consent kept, the synced edit kept', async () => {
  const data = space();
  const plan = planImport(data, list);
  const peer = new Y.Doc();
  let pauses = 0;
  const result = await applyInChunks(data, plan, {
    maxPerSlice: 400,
    budgetMs: 10_000,
    pause: async () => {
      if (++pauses !== 1) return;
      // Another organizer, synced now: added row 1000's member by hand (no ActionKit id yet) with
      // "do not call", and marked a member of the first slice do-not-text (the file says texts are fine).
      Y.applyUpdate(peer, Y.encodeStateAsUpdate(data.doc));
      let n = 0;
      const theirs = new SpaceData(peer, 'dev-B', {
        newId: () => `b${++n}`,
      });
      theirs.members.create({ firstName: 'Ana', emails: ['member999@example.org'], doNotCall: true });
      const first = theirs.members.all().find((m) => m.emails[0] === 'member1@example.org')!;
      theirs.members.update(first.id, { textOptOut: true });
      Y.applyUpdate(data.doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(data.doc)), 'remote');
    },
  });
  expect(result.replanned).toBe(true);
  expect(result.complete).toBe(true);
  expect(data.members.size).toBe(ROWS); // the hand-added member was matched by email, not duplicated
  const ana = data.members.all().filter((m) => m.emails.includes('member999@example.org'));
  expect(ana).toHaveLength(1);
  expect(ana[0]).toMatchObject({ id: 'b1', actionkitId: String(100000 + 999), doNotCall: true });
  expect(data.members.all().find((m) => m.emails[0] === 'member1@example.org')?.textOptOut).toBe(true);
  expect(result.created + result.updated).toBe(ROWS);
});

test('loosened consent is written in slices only where the organizer accepted it; the list’s size is remembered', async () => {
  const data = space();
  const file = (dnc: string) =>
    parseNationalList(
      'actionkit_id,first_name,email,do_not_call\n' +
        Array.from({ length: 30 }, (_, i) => `${i},M${i},m${i}@example.org,${i < 3 ? dnc : 'FALSE'}`).join('\n'),
    );
  await applyInChunks(data, planImport(data, file('TRUE')), { maxPerSlice: 7 });
  expect(lastImportRows(data)).toBe(30);
  const plan = planImport(data, file('FALSE'));
  expect(plan.loosened).toHaveLength(3);
  const [first] = plan.loosened;
  const result = await applyInChunks(data, plan, {
    maxPerSlice: 1,
    acceptedConsent: new Set([consentKey(first!.memberId, 'doNotCall')]),
  });
  expect(result.consentAccepted).toBe(1);
  const uncallable = data.members.all().filter((m) => m.doNotCall);
  expect(uncallable.map((m) => m.actionkitId).sort()).toEqual(
    ['0', '1', '2'].filter((ak) => ak !== data.members.get(first!.memberId)!.actionkitId),
  );
  // Nothing loosened is offered again: national's answer is noted.
  expect(planImport(data, file('FALSE')).loosened).toEqual([]);
});
