import {
  LADDER_STAGES,
  MEMBERSHIP_STATUSES,
  SKILL_LEVELS,
  atLeast,
  filterMembers,
  followUpsDue,
  notesPastRetention,
  skillGaps,
  whoCanTeach,
} from '../../../shared/model';
import { generateChapter } from '../../../shared/sample/generate';
import type { Member, MemberFilters, MemberSkill, Note } from '../../../shared/model';
import { makeSpace } from './helpers';

const chapter = generateChapter({ members: 1500, memberSkills: 800, notes: 600, events: 4, seed: 42 });
const members = chapter.space.members.all();
const memberSkills = chapter.space.memberSkills.all();

/** The obvious, slow version the optimized filter must agree with. */
function bruteForce(f: MemberFilters): string[] {
  return members
    .filter((m) => {
      if (f.regionIds?.length && !f.regionIds.includes(m.regionId!)) return false;
      if (f.branches?.length && !f.branches.includes(m.branch!)) return false;
      if (f.membershipStatuses?.length && !f.membershipStatuses.includes(m.membershipStatus!)) return false;
      if (f.ladderStages?.length && !f.ladderStages.includes(m.ladderStage!)) return false;
      if (
        f.assessment &&
        (m.assessment === undefined || m.assessment < (f.assessment.min ?? 1) || m.assessment > (f.assessment.max ?? 5))
      )
        return false;
      if (f.groupIds?.length && !m.groupIds.some((g) => f.groupIds!.includes(g))) return false;
      if (f.needs?.length && !m.needs.some((g) => f.needs!.includes(g))) return false;
      if (f.languages?.length && !m.languages.some((g) => f.languages!.includes(g))) return false;
      if (f.tags?.length && !m.tags.some((g) => f.tags!.includes(g))) return false;
      if (
        f.skill &&
        !memberSkills.some(
          (s) =>
            s.memberId === m.id &&
            s.skillId === f.skill!.skillId &&
            atLeast(s.level, f.skill!.minLevel ?? 'interested'),
        )
      )
        return false;
      if (f.contactableBy === 'call' && m.doNotCall) return false;
      if (f.contactableBy === 'text' && m.textOptOut) return false;
      if (f.contactableBy === 'mail' && m.mailingPreference === 'no_mail') return false;
      return true;
    })
    .map((m) => m.id);
}

describe('filterMembers on generated data', () => {
  const skillHeld = memberSkills[0]!.skillId;
  const cases: [string, MemberFilters][] = [
    ['nothing', {}],
    ['empty lists mean no constraint', { regionIds: [], tags: [] }],
    ['region', { regionIds: [chapter.regionIds[1]!] }],
    ['two regions', { regionIds: chapter.regionIds.slice(0, 2) }],
    ['branch', { branches: ['Valley'] }],
    ['membership status', { membershipStatuses: [MEMBERSHIP_STATUSES[0]] }],
    ['ladder stage', { ladderStages: [LADDER_STAGES[3], LADDER_STAGES[4]] }],
    ['assessment range', { assessment: { min: 4 } }],
    ['working group', { groupIds: [chapter.groupIds[0]!] }],
    ['skill at any level', { skill: { skillId: skillHeld } }],
    ['skill at can_do or above', { skill: { skillId: skillHeld, minLevel: 'can_do' } }],
    ['need', { needs: ['childcare'] }],
    ['language', { languages: ['es'] }],
    ['tag', { tags: ['host', 'parent'] }],
    ['consent: call', { contactableBy: 'call' }],
    ['consent: text', { contactableBy: 'text' }],
    ['consent: mail', { contactableBy: 'mail' }],
    [
      'combined',
      {
        regionIds: [chapter.regionIds[0]!],
        languages: ['es'],
        assessment: { min: 2, max: 4 },
        contactableBy: 'call',
        ladderStages: [...LADDER_STAGES.slice(2)],
      },
    ],
  ];
  test.each(cases)('%s', (_label, filters) => {
    const expected = bruteForce(filters);
    expect(filterMembers(members, filters, memberSkills).map((m) => m.id)).toEqual(expected);
  });

  test('the cases are not trivial', () => {
    expect(bruteForce(cases[17]![1]).length).toBeGreaterThan(0);
    expect(bruteForce(cases[17]![1]).length).toBeLessThan(members.length / 10);
    expect(bruteForce({ skill: { skillId: skillHeld, minLevel: 'can_do' } }).length).toBeLessThan(
      bruteForce({ skill: { skillId: skillHeld } }).length,
    );
  });
});

describe('skills: who can teach, gaps', () => {
  function small() {
    const { space } = makeSpace();
    const east = space.regions.create({ name: 'Eastside', zips: ['90033'] });
    const west = space.regions.create({ name: 'Westside', zips: ['90024'] });
    const facil = space.skills.create({ name: 'Facilitation', category: 'facilitation' });
    const design = space.skills.create({ name: 'Design', category: 'design' });
    const medic = space.skills.create({ name: 'Street medic', category: 'health' });
    const ana = space.members.create({ firstName: 'Ana', regionId: east });
    const bo = space.members.create({ firstName: 'Bo', regionId: west });
    const cy = space.members.create({ firstName: 'Cy', regionId: east });
    space.memberSkills.setLevel(ana, facil, 'can_teach');
    space.memberSkills.setLevel(bo, facil, 'can_teach');
    space.memberSkills.setLevel(cy, facil, 'can_do');
    space.memberSkills.setLevel(cy, design, 'can_do');
    space.memberSkills.setLevel(ana, design, 'learning');
    space.memberSkills.setLevel(bo, medic, 'can_teach');
    return { space, east, facil, design, medic, ana, bo, cy };
  }

  test('who can teach skill X (in region Y)', () => {
    const { space, east, facil, design, ana, bo } = small();
    const m = space.members.all();
    const ms = space.memberSkills.all();
    expect(whoCanTeach(m, ms, facil).map((x) => x.id)).toEqual([ana, bo]);
    expect(whoCanTeach(m, ms, facil, { regionId: east }).map((x) => x.id)).toEqual([ana]);
    expect(whoCanTeach(m, ms, design)).toEqual([]);
  });

  test('gaps: skills nobody can teach, with counts per level; removed members do not count', () => {
    const { space, design, medic, bo } = small();
    const gaps = skillGaps(space.skills.all(), space.memberSkills.all(), space.members.all());
    expect(gaps.map((g) => g.skill.id)).toEqual([design]);
    expect(gaps[0]!.counts).toEqual({ interested: 0, learning: 1, can_do: 1, can_teach: 0 });
    space.members.delete(bo);
    expect(skillGaps(space.skills.all(), space.memberSkills.all(), space.members.all()).map((g) => g.skill.id)).toEqual(
      [design, medic],
    );
  });

  test('on generated data, gaps agree with a brute-force count', () => {
    const skills = chapter.space.skills.all();
    const teachers = (id: string) =>
      memberSkills.filter((s: MemberSkill) => s.skillId === id && s.level === 'can_teach').length;
    const expected = skills
      .filter((s) => teachers(s.id) === 0)
      .map((s) => s.id)
      .sort();
    const gaps = skillGaps(skills, memberSkills, members)
      .map((g) => g.skill.id)
      .sort();
    expect(gaps).toEqual(expected);
    expect(gaps).toEqual(expect.arrayContaining(chapter.skillIds.slice(-2)));
    for (const skill of skills.slice(0, 5)) {
      expect(whoCanTeach(members, memberSkills, skill.id).length).toBe(teachers(skill.id));
    }
  });
});

describe('follow-ups due', () => {
  test('due on or before the day, not done; mine first, then oldest due', () => {
    const { space } = makeSpace('me');
    const n = (over: Partial<Note> & { dueDate?: string }) =>
      space.notes.create({ kind: 'one_on_one', date: '2024-01-01', nextStep: 'call back', ...over } as never);
    const otherLate = n({ dueDate: '2024-01-05', author: 'other' });
    const mineLater = n({ dueDate: '2024-01-09' });
    const assignedToMe = n({ dueDate: '2024-01-07', author: 'other', assignedOrganizer: 'me' });
    const otherEarly = n({ dueDate: '2024-01-02', author: 'other' });
    n({ dueDate: '2024-01-03', done: true });
    n({ dueDate: '2024-01-11' }); // not yet due
    n({}); // no due date
    const mineAssignedAway = n({ dueDate: '2024-01-01', assignedOrganizer: 'other' });
    const due = followUpsDue(space.notes.all(), { onDay: '2024-01-10', me: 'me' }).map((x) => x.id);
    expect(due).toEqual([assignedToMe, mineLater, mineAssignedAway, otherEarly, otherLate]);
  });

  test('retention: sensitive and restricted notes expire by tier', () => {
    const { space } = makeSpace();
    const old = space.notes.create({ kind: 'note', date: '2023-01-01', sensitivity: 'restricted' });
    space.notes.create({ kind: 'note', date: '2023-01-01', sensitivity: 'standard' });
    space.notes.create({ kind: 'note', date: '2023-01-01', sensitivity: 'sensitive' });
    expect(notesPastRetention(space.notes.all(), '2024-01-01').map((x) => x.id)).toEqual([old]);
  });
});

test('SKILL_LEVELS order is meaningful', () => {
  expect(SKILL_LEVELS).toEqual(['interested', 'learning', 'can_do', 'can_teach']);
  expect((members as Member[]).length).toBe(1500);
});
