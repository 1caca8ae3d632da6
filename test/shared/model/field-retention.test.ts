/**
 * Member fields of a sensitivity tier (shared/model/retention.ts, chapter-rules.ts): the chapter
 * tiers a field; each write of it records its day; it is cleared after the tier's days, by anyone's
 * retention run, and two devices end the same.
 */
import { fieldExpiries, expireFields, fieldsPastRetention } from '../../../shared/model/retention';
import { fieldTiers, setFieldTier } from '../../../shared/model/chapter-rules';
import { makeSpace, syncDocs } from './helpers';

const DAY = 86_400_000;
const JAN_1 = Date.UTC(2026, 0, 1, 15);

function chapter() {
  const s = makeSpace();
  s.clock.t = JAN_1;
  const id = s.space.members.create({
    firstName: 'Ana',
    needs: ['childcare'],
    address: { lines: ['12 Elm St'] },
    phones: ['+15550100'],
  });
  return { ...s, id };
}

test('a field is standard until the chapter tiers it; then it is due its tier’s days after it was written', () => {
  const { space, id, clock } = chapter();
  expect(fieldTiers(space).needs).toBe('standard');
  expect(fieldsPastRetention(space, '2030-01-01')).toEqual([]);
  setFieldTier(space, 'needs', 'restricted');
  setFieldTier(space, 'address', 'sensitive');
  const member = space.members.get(id)!;
  expect(member.needsSetAt).toBe(JAN_1);
  expect(fieldExpiries(member, fieldTiers(space))).toEqual([
    { memberId: id, field: 'address', clearedOn: '2028-01-01' },
    { memberId: id, field: 'needs', clearedOn: '2026-06-30' },
  ]);
  // A new value starts the days again; clearing it leaves nothing to expire.
  clock.t = JAN_1 + 10 * DAY;
  space.members.update(id, { needs: ['legal_help'] });
  expect(space.members.get(id)!.needsSetAt).toBe(JAN_1 + 10 * DAY);
  space.members.update(id, { address: undefined });
  expect(space.members.get(id)!.addressSetAt).toBeUndefined();
  expect(fieldExpiries(space.members.get(id)!, fieldTiers(space)).map((e) => e.field)).toEqual(['needs']);
});

test('expireFields clears only what is due, and keeps the rest of the member', () => {
  const { space, id } = chapter();
  setFieldTier(space, 'needs', 'restricted');
  expect(expireFields(space, '2026-06-29')).toBe(0);
  expect(expireFields(space, '2026-06-30')).toBe(1);
  const member = space.members.get(id)!;
  expect(member.needs).toEqual([]);
  expect(member.needsSetAt).toBeUndefined();
  expect(member.address).toEqual({ lines: ['12 Elm St'] });
  expect(member.phones).toEqual(['+15550100']);
  expect(expireFields(space, '2026-07-01')).toBe(0);
});

test('the set-at day cannot be written directly, and a bad tier or field is refused', () => {
  const { space, id } = chapter();
  expect(() => space.members.update(id, { needsSetAt: 0 } as never)).toThrow(/cannot be written directly/);
  expect(() => setFieldTier(space, 'phones' as never, 'restricted')).toThrow();
  expect(() => setFieldTier(space, 'needs', 'secret' as never)).toThrow();
  setFieldTier(space, 'needs', 'restricted');
  setFieldTier(space, 'needs', 'standard');
  expect(fieldTiers(space).needs).toBe('standard');
});

test('two devices clearing the same field converge', () => {
  const a = chapter();
  const b = makeSpace('device-B');
  syncDocs(a.doc, b.doc);
  setFieldTier(a.space, 'needs', 'restricted');
  syncDocs(a.doc, b.doc);
  expect(expireFields(a.space, '2026-07-01')).toBe(1);
  expect(expireFields(b.space, '2026-07-01')).toBe(1);
  syncDocs(a.doc, b.doc);
  expect(a.space.members.get(a.id)!.needs).toEqual([]);
  expect(b.space.members.get(a.id)!.needs).toEqual([]);
});
