/**
 * The sample chapter's leadership and calendar (fixtures.ts): seats whose
 * terms follow one another (some re-elected, some held past their end), a
 * year of general, branch and group meetings with a core of regulars, actions,
 * and trainings whose trainees came from the members interested in the skill.
 */
import { setTermLimit } from '../model/chapter-rules';
import type { EventKind, RoleKind } from '../model/codes';
import { PLACES, REGIONS } from './names';
import type { Prng } from './prng';
import { addDays, seatOf, termEndAfter } from '../model/role';
import type { SpaceData } from '../model/space-data';

interface Ids {
  readonly memberIds: readonly string[];
  readonly groupIds: readonly string[];
}

/** One line of terms per seat; the chapter's term limits for the kinds it limits. */
export function generateRoles(space: SpaceData, rng: Prng, ids: Ids): void {
  setTermLimit(space, 'co_chair', { termMonths: 24, maxTerms: 2 });
  setTermLimit(space, 'group_lead', { termMonths: 12, maxTerms: 3 });
  setTermLimit(space, 'branch_coordinator', { termMonths: 12 });
  const seats: { role: RoleKind; months: number; groupId?: string; branch?: string }[] = [
    { role: 'co_chair', months: 24 },
    { role: 'co_chair', months: 24 },
    { role: 'secretary', months: 12 },
    { role: 'treasurer', months: 12 },
    ...ids.groupIds.map((groupId) => ({ role: 'group_lead' as const, months: 12, groupId })),
    ...[...new Set(REGIONS.map((r) => r.branch))].map((branch) => ({
      role: 'branch_coordinator' as const,
      months: 12,
      branch,
    })),
  ];
  // The terms made so far in each seat: the two co-chairs share one, and nobody co-chairs with themselves.
  const made = new Map<string, { holderId: string; termStart: string; termEnd: string }[]>();
  for (const seat of seats) {
    let start = rng.day('2021-01-01', '2022-12-31');
    let holder = rng.pick(ids.memberIds);
    // Some seats stop being filled: their last term is held past its end.
    const lastStart = rng.chance(0.2) ? '2025-06-30' : '2026-12-31';
    const others = made.get(seatOf(seat)) ?? [];
    made.set(seatOf(seat), others);
    while (start <= lastStart) {
      const termEnd = termEndAfter(start, seat.months);
      const busy = new Set(others.filter((o) => o.termStart <= termEnd && start <= o.termEnd).map((o) => o.holderId));
      // The next member in the list, not another draw: the rest of the chapter stays as each seed made it.
      const free = ids.memberIds.indexOf(holder);
      const found = ids.memberIds.findIndex((_, i) => !busy.has(ids.memberIds[(free + i) % ids.memberIds.length]!));
      if (found < 0) break; // too few members for another holder: the seat stays vacant
      holder = ids.memberIds[(free + found) % ids.memberIds.length]!;
      others.push({ holderId: holder, termStart: start, termEnd });
      space.roles.create({
        role: seat.role,
        holderId: holder,
        ...(seat.groupId && { groupId: seat.groupId }),
        ...(seat.branch && { branch: seat.branch }),
        termStart: start,
        termEnd,
      });
      start = addDays(termEnd, 1);
      if (!rng.chance(0.55)) holder = rng.pick(ids.memberIds);
    }
  }
}

/**
 * `count` events over the year before June 2025: a general meeting every third, then branch, group, training,
 * action. Yields after each event (a general meeting's attendance is up to 300 members): one step of
 * `writeChapter` each.
 */
export function* generateEvents(space: SpaceData, rng: Prng, ids: Ids, count: number): Generator<void> {
  const regulars = ids.memberIds.filter(() => rng.chance(0.06));
  const skills = space.memberSkills.all();
  const branches = [...new Set(REGIONS.map((r) => r.branch))];
  const groups = new Map(space.groups.all().map((g) => [g.id, g.name]));
  for (let i = 0; i < count; i++) {
    const date = addDays('2024-06-01', Math.floor((i * 364) / Math.max(1, count)) + rng.int(5));
    const kind: EventKind =
      i % 3 === 0
        ? 'general_meeting'
        : (['', 'branch_meeting', 'group_meeting', '', 'training', 'action'] as const)[i % 6] || 'action';
    const place = rng.pick(PLACES);
    const startTime = rng.pick(['10:00', '14:00', '18:30', '19:00']);
    const attendees = new Set<string>();
    if (kind === 'training') {
      const taught = skills.filter((s) => s.level === 'can_teach');
      const skillId = taught.length ? rng.pick(taught).skillId : undefined;
      const trainers = taught
        .filter((s) => s.skillId === skillId)
        .slice(0, 2)
        .map((s) => s.memberId);
      for (const s of skills)
        if (s.skillId === skillId && s.level === 'interested' && attendees.size < 25) attendees.add(s.memberId);
      for (const t of trainers) attendees.add(t);
      space.attendance.create({
        eventName: `${skillId ? space.skills.get(skillId)?.name : ''}: ${rng.pick(['intro workshop', 'hands-on practice', 'train the trainers'])}`,
        kind,
        date,
        startTime,
        place,
        memberIds: [...attendees],
        trainerIds: trainers,
        skillIds: skillId ? [skillId] : [],
      });
      yield;
      continue;
    }
    const size = Math.min(ids.memberIds.length, kind === 'general_meeting' ? 50 + rng.int(250) : 10 + rng.int(40));
    for (const r of regulars) if (rng.chance(kind === 'general_meeting' ? 0.7 : 0.15)) attendees.add(r);
    while (attendees.size < size) attendees.add(rng.pick(ids.memberIds));
    const branch = kind === 'branch_meeting' ? rng.pick(branches) : undefined;
    const groupId = kind === 'group_meeting' ? rng.pick(ids.groupIds) : undefined;
    const names: Record<string, string> = {
      general_meeting: 'General meeting',
      branch_meeting: `${branch} branch meeting`,
      group_meeting: `${groupId ? groups.get(groupId) : ''} working group`,
      action: rng.pick(['Rent strike rally', 'Canvass day', 'City council testimony', 'Picket line support']),
    };
    space.attendance.create({
      eventName: names[kind] ?? 'Meeting',
      kind,
      date,
      startTime,
      place,
      ...(branch && { branch }),
      ...(groupId && { groupId }),
      memberIds: [...attendees],
    });
    yield;
  }
}

const MEETS = ['1st Monday, 7 pm, online', '2nd Tuesday, 6:30 pm', '3rd Wednesday, 7 pm', 'Every other Sunday, 2 pm'];

/** When the sample's groups meet; its partners' contacts and our liaisons with them. */
export function describeGroupsAndPartners(space: SpaceData, rng: Prng, ids: Ids): void {
  for (const g of space.groups.all()) {
    space.groups.update(g.id, { meets: `${rng.pick(MEETS)}, ${rng.pick(PLACES)}` });
  }
  for (const p of space.partners.all()) {
    const handle = p.name.toLowerCase().replace(/[^a-z0-9]+/g, '');
    space.partners.update(p.id, {
      contactName: rng.pick(['Alex Rivera', 'Jordan Lee', 'Dana Moreno', 'Sam Okafor', 'Lupe Hernández']),
      contactEmail: `info@${handle}.example.org`,
      liaisonIds: rng.some(ids.memberIds, 2),
    });
  }
}
