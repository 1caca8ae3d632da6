import type * as Y from 'yjs';
import {
  collectionMap,
  Engagement,
  LADDER_STAGES,
  monthOf,
  monthsUpTo,
  periodsOf,
  type SpaceData,
  type Target,
} from '../../../shared/model';
import { generateChapter } from '../../../shared/sample/generate';
import { makeSpace } from './helpers';

const at = (day: string) => new Date(`${day}T12:00:00`).getTime();

function source(space: SpaceData) {
  return {
    members: space.members.all(),
    notes: space.notes.all(),
    events: space.attendance.all(),
    memberSkills: space.memberSkills.all(),
    regionIds: space.regions.all().map((r) => r.id),
  };
}

function target(space: SpaceData, fields: Omit<Parameters<SpaceData['targets']['create']>[0], 'name'>): Target {
  return space.targets.get(space.targets.create({ name: 'T', ...fields }))!;
}

describe('member histories', () => {
  test('ladder stage and membership status changes are kept like assessments, and cannot be written directly', () => {
    const { space, clock } = makeSpace('dev-A');
    clock.t = at('2025-01-10');
    const id = space.members.create({ firstName: 'Ana', ladderStage: 'member', membershipStatus: 'good_standing' });
    clock.t = at('2025-02-10');
    space.members.update(id, { ladderStage: 'active', membershipStatus: 'lapsed' });
    space.members.update(id, { tags: ['x'] }); // nothing of the histories changes
    clock.t = at('2025-03-10');
    space.members.update(id, { ladderStage: undefined });
    const m = space.members.get(id)!;
    expect(m.ladderHistory).toEqual([
      { stage: 'member', at: at('2025-01-10'), by: 'dev-A' },
      { stage: 'active', at: at('2025-02-10'), by: 'dev-A' },
      { stage: null, at: at('2025-03-10'), by: 'dev-A' },
    ]);
    expect(m.statusHistory).toEqual([
      { status: 'good_standing', at: at('2025-01-10'), by: 'dev-A' },
      { status: 'lapsed', at: at('2025-02-10'), by: 'dev-A' },
    ]);
    expect(() => space.members.update(id, { ladderHistory: [] } as never)).toThrow(/cannot be written directly/);
    // Histories written in the past (the sample chapter) are checked like any input.
    expect(() =>
      space.members.createWithHistory({ firstName: 'Bo' }, { ladderHistory: [{ stage: 'boss' }] } as never),
    ).toThrow(/member histories/);
    const bo = space.members.createWithHistory(
      { firstName: 'Bo', ladderStage: 'active' },
      { ladderHistory: [{ stage: 'active', at: at('2024-01-01'), by: 'dev-B' }] },
    );
    expect(space.members.get(bo)!.ladderHistory).toEqual([{ stage: 'active', at: at('2024-01-01'), by: 'dev-B' }]);
  });

  test('a peer’s malformed history entry is set aside: the member stays on the roster, editable, and counted', () => {
    const { space, doc, clock } = makeSpace('dev-A');
    clock.t = at('2025-01-10');
    const id = space.members.create({ firstName: 'Ana', ladderStage: 'leader', assessment: 3 });
    const stored = collectionMap(doc, 'members').get(id)!;
    // A hostile member pushes junk into each history (a Y.Array anyone in the space can append to).
    (stored.get('ladderHistory') as Y.Array<unknown>).push([{ stage: 'emperor', at: 'soon', by: '' }, 42]);
    (stored.get('assessmentHistory') as Y.Array<unknown>).push([{ value: 99, at: 0, by: 'x' }]);
    (stored.get('statusHistory') as Y.Array<unknown>).push([null]);
    const m = space.members.get(id)!;
    expect(m.firstName).toBe('Ana');
    expect(m.ladderHistory).toEqual([{ stage: 'leader', at: at('2025-01-10'), by: 'dev-A' }]);
    expect(m.assessmentHistory).toEqual([{ value: 3, at: at('2025-01-10'), by: 'dev-A' }]);
    expect(m.statusHistory).toEqual([]);
    expect(space.members.list().problems).toEqual([
      expect.objectContaining({
        id,
        hidden: false,
        fields: expect.arrayContaining(['ladderHistory', 'assessmentHistory']),
      }),
    ]);
    // Still editable, and still counted on the dashboard.
    clock.t = at('2025-02-10');
    space.members.update(id, { ladderStage: 'organizer' });
    expect(space.members.get(id)!.ladderHistory.map((c) => c.stage)).toEqual(['leader', 'organizer']);
    const e = new Engagement(source(space), '2025-02', 2);
    expect(e.ladderByMonth.map((row) => row[LADDER_STAGES.indexOf('organizer')])).toEqual([0, 1]);
    // A history replaced by something that is not a list at all: the member is still shown, with no history.
    stored.set('ladderHistory', 'gone' as never);
    expect(space.members.get(id)?.ladderHistory).toEqual([]);
  });
});

describe('Engagement', () => {
  test('ladder, assessment, lapsed/renewed, joined, one-on-ones and attendance per month, from the histories and dates', () => {
    const { space, clock } = makeSpace('dev-A');
    const east = space.regions.create({ name: 'East', zips: [] });
    clock.t = at('2025-01-05');
    const ana = space.members.create({
      firstName: 'Ana',
      regionId: east,
      ladderStage: 'member',
      assessment: 2,
      membershipStatus: 'good_standing',
      joinDate: '2025-01-03',
    });
    const ben = space.members.create({ firstName: 'Ben', ladderStage: 'leader', membershipStatus: 'good_standing' });
    clock.t = at('2025-02-20');
    space.members.update(ana, { ladderStage: 'leader', assessment: 4 });
    space.members.update(ben, { membershipStatus: 'lapsed' });
    clock.t = at('2025-03-02');
    space.members.update(ben, { membershipStatus: 'member' });
    space.notes.create({ kind: 'one_on_one', memberId: ana, date: '2025-02-01' });
    space.notes.create({ kind: 'one_on_one', memberId: ben, date: '2025-02-11' });
    space.notes.create({ kind: 'call', memberId: ben, date: '2025-02-11' });
    space.attendance.create({ eventName: 'GM', kind: 'general_meeting', date: '2025-03-04', memberIds: [ana, ben] });
    space.attendance.create({ eventName: 'GM', kind: 'general_meeting', date: '2025-03-20', memberIds: [ana] });

    const e = new Engagement(source(space), '2025-03', 3);
    expect(e.months).toEqual(['2025-01', '2025-02', '2025-03']);
    const leader = LADDER_STAGES.indexOf('leader');
    const member = LADDER_STAGES.indexOf('member');
    expect(e.ladderByMonth.map((row) => [row[member], row[leader]])).toEqual([
      [1, 1],
      [0, 2],
      [0, 2],
    ]);
    expect(e.assessmentByMonth.map((row) => row.join(''))).toEqual(['01000', '00010', '00010']);
    expect(e.lapsed).toEqual([0, 1, 0]);
    expect(e.renewed).toEqual([0, 0, 1]);
    expect(e.joined).toEqual([1, 0, 0]);
    expect(e.oneOnOnes).toEqual([0, 2, 0]);
    expect([e.events, e.checkIns, e.people]).toEqual([
      [0, 0, 2],
      [0, 0, 3],
      [0, 0, 2],
    ]);
    // Today's ladder by region: East has Ana (leader); no region has Ben (leader).
    expect(e.regionRows).toEqual([east, undefined]);
    expect(e.ladderByRegion.map((row) => row[leader])).toEqual([1, 1]);

    // Targets: per month, per region, per quarter.
    const oneOnOnes = e.progress(target(space, { metric: 'one_on_ones', period: 'month', target: 4 }));
    expect(oneOnOnes.periods).toEqual([
      { period: '2025-01', value: 0 },
      { period: '2025-02', value: 2 },
      { period: '2025-03', value: 0 },
    ]);
    const eastOnes = e.progress(target(space, { metric: 'one_on_ones', period: 'month', target: 1, regionId: east }));
    expect(eastOnes.periods.map((p) => p.value)).toEqual([0, 1, 0]);
    const newLeaders = e.progress(
      target(space, { metric: 'reached_stage', ladderStage: 'leader', period: 'quarter', target: 1 }),
    );
    // Ben was a leader from the start (reached in January), Ana in February.
    expect(newLeaders.periods).toEqual([{ period: '2025-Q1', value: 2 }]);
    expect(newLeaders.met).toBe(true);
    const leaders = e.progress(
      target(space, { metric: 'members_at_stage', ladderStage: 'active', period: 'month', target: 4 }),
    );
    expect(leaders.periods.map((p) => p.value)).toEqual([1, 2, 2]);
    expect(leaders.percent).toBe(50);
    const turnout = e.progress(
      target(space, {
        metric: 'meeting_turnout',
        eventKind: 'general_meeting',
        period: 'month',
        target: 2,
        regionId: east,
      }),
    );
    expect(turnout.periods.map((p) => p.value)).toEqual([undefined, undefined, 1]);
    const active = e.progress(target(space, { metric: 'active_members', period: 'month', target: 1 }));
    expect(active.current).toBe(1); // Ana came to 2 general meetings, Ben to 1
  });

  test('a member written before histories existed counts at their current values from the day they were created', () => {
    const { space, clock } = makeSpace('dev-A');
    clock.t = at('2025-02-15');
    const id = space.members.create({ firstName: 'Ana' });
    // What an older version wrote: a stage with no history.
    space.members.map.get(id)!.set('ladderStage', 'active');
    const e = new Engagement(source(space), '2025-03', 3);
    expect(e.ladderByMonth.map((row) => row[LADDER_STAGES.indexOf('active')])).toEqual([0, 1, 1]);
  });

  test('on the generated chapter, every month equals a member-by-member count from the histories', () => {
    const { space } = generateChapter({ members: 400, memberSkills: 100, notes: 800, seed: 3 });
    const e = new Engagement(source(space), '2025-05');
    const members = space.members.all();
    const months = monthsUpTo('2025-05', 24);
    const endOf = (m: string) => {
      const [y, mm] = m.split('-').map(Number) as [number, number];
      return new Date(y, mm, 1).getTime();
    };
    const lastBefore = <T extends { at: number }>(h: readonly T[], t: number) =>
      [...h]
        .sort((a, b) => a.at - b.at)
        .filter((c) => c.at < t)
        .pop();
    months.forEach((month, j) => {
      const stages = LADDER_STAGES.map(
        (s) => members.filter((m) => lastBefore(m.ladderHistory, endOf(month))?.stage === s).length,
      );
      expect({ month, stages: e.ladderByMonth[j] }).toEqual({ month, stages });
      const values = [1, 2, 3, 4, 5].map(
        (v) => members.filter((m) => lastBefore(m.assessmentHistory, endOf(month))?.value === v).length,
      );
      expect({ month, values: e.assessmentByMonth[j] }).toEqual({ month, values });
      const renewals = members.filter((m) => {
        const h = [...m.statusHistory].sort((a, b) => a.at - b.at);
        return h.some(
          (c, i) => i > 0 && monthOf(c.at) === month && c.status !== 'lapsed' && h[i - 1]!.status === 'lapsed',
        );
      }).length;
      expect({ month, renewed: e.renewed[j] }).toEqual({ month, renewed: renewals });
      const ones = space.notes.all().filter((n) => n.kind === 'one_on_one' && n.date.startsWith(month)).length;
      expect({ month, ones: e.oneOnOnes[j] }).toEqual({ month, ones });
    });
    // The fixture's history is two years of change, not a flat line.
    expect(e.ladderByMonth[0]).not.toEqual(e.ladderByMonth[23]);
    expect(e.lapsed.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(e.renewed.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  test('periods: quarters and years that began before the window are left out', () => {
    const months = monthsUpTo('2025-05', 24); // 2023-06 … 2025-05
    expect(periodsOf(months, 'quarter').map((p) => p.period)).toEqual([
      '2023-Q3',
      '2023-Q4',
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
      '2025-Q1',
      '2025-Q2',
    ]);
    expect(periodsOf(months, 'year').map((p) => p.period)).toEqual(['2024', '2025']);
    expect(periodsOf(months, 'month')).toHaveLength(24);
  });
});
