import * as Y from 'yjs';
import {
  DUES_STATUSES,
  KNOWN_LANGUAGES,
  KNOWN_NEEDS,
  KNOWN_RESOURCES,
  LADDER_STAGES,
  NOTE_KINDS,
  SKILL_LEVELS,
} from '../model/codes';
import type {
  EventKind,
  GroupKind,
  NoteKind,
  PartnerKind,
  SensitivityTier,
  SkillCategory,
  SkillLevel,
} from '../model/codes';
import * as data from './names';
import { normalizeForSearch } from '../model/normalize';
import type { MemberHistories, MemberInput } from '../model/member';
import { Prng } from './prng';
import { SpaceData } from '../model/space-data';
import { parseBoundaryFile } from '../model/boundary';
import { describeGroupsAndPartners, generateEvents, generateRoles } from './civics';

export interface ChapterSize {
  readonly members?: number;
  readonly memberSkills?: number;
  readonly notes?: number;
  readonly events?: number;
  readonly seed?: number;
}

export interface Chapter {
  readonly doc: Y.Doc;
  readonly space: SpaceData;
  readonly memberIds: readonly string[];
  readonly skillIds: readonly string[];
  readonly regionIds: readonly string[];
  readonly groupIds: readonly string[];
  /** Fake organizer device ids used as authors and assignees. */
  readonly organizers: readonly string[];
}

const EPOCH = Date.parse('2025-06-01T00:00:00Z');

/**
 * How much one step of `writeChapter` writes at most: a screen that applies the chapter a step at a time
 * (renderer/sample) keeps each of its tasks short. Whole members only: a step never holds half a member.
 */
export const SAMPLE_STEP = { members: 100, memberSkills: 400, notes: 250 } as const;

/** Where `writeChapter` stands after a step: members written so far, of how many. */
export interface SampleProgress {
  readonly members: number;
  readonly of: number;
}

/**
 * A deterministic, realistic chapter for tests and benchmarks: the same seed
 * gives the same doc content. Everything is written through SpaceData (so it
 * is laid out exactly like the app's writes) in a single transaction, without
 * write-time validation for speed: tests read it all back and expect no problems. The two skills last in
 * the catalogue never get a teacher, so skill gaps always exist.
 */
export function generateChapter(size: ChapterSize = {}, doc: Y.Doc = new Y.Doc()): Chapter {
  const steps = writeChapter(size, doc);
  return transactWith(doc, () => {
    let step = steps.next();
    while (!step.done) step = steps.next();
    return step.value;
  });
}

/** The origin of the sample's transactions: a local change (the batcher seals and stores it like an edit). */
export const SAMPLE_ORIGIN = 'sample-chapter';

/** Runs `fn` in one transaction of `doc` (as the sample's origin) and returns what it returns. */
export function transactWith<R>(doc: Y.Doc, fn: () => R): R {
  let result!: R;
  doc.transact(() => {
    result = fn();
  }, SAMPLE_ORIGIN);
  return result;
}

/**
 * The same chapter as `generateChapter`, written a step at a time: each `next()` writes at most
 * SAMPLE_STEP and yields where it stands; the caller runs each `next()` in its own transaction
 * (`doc.transact`), so that each step is one Yjs update. The steps draw from the seeded streams in the
 * same order whatever the transactions, so the content is the same as in one transaction.
 */
export function* writeChapter(size: ChapterSize = {}, doc: Y.Doc = new Y.Doc()): Generator<SampleProgress, Chapter> {
  const { members = 10_000, memberSkills = 2_000, notes = 50_000, events = 24, seed = 1 } = size;
  const rng = new Prng(seed);
  // Histories, extra events and targets draw from their own stream, so the members, skills and notes a seed
  // gives stay the same as before they existed.
  const past = new Prng(seed * 7919 + 17);
  let clock = EPOCH;
  const organizers = Array.from({ length: 8 }, () => rng.id(43));
  const space = new SpaceData(doc, organizers[0]!, { now: () => clock++, newId: () => rng.id() });
  const out = {
    memberIds: [] as string[],
    skillIds: [] as string[],
    regionIds: [] as string[],
    groupIds: [] as string[],
  };

  space.setName('Los Angeles chapter');
  const regions = data.REGIONS.map((r) => ({
    ...r,
    id: space.regions.create({ name: r.name, branch: r.branch, zips: r.zips }),
  }));
  out.regionIds = regions.map((r) => r.id);
  out.groupIds = data.GROUPS.map((name) => space.groups.create({ name, kind: 'working_group' as GroupKind }));
  out.skillIds = data.SKILLS.map((s) => space.skills.create({ name: s.name, category: s.category as SkillCategory }));
  for (const p of data.PARTNERS) space.partners.create({ name: p.name, kind: p.kind as PartnerKind });

  for (let i = 0; i < members; i++) {
    const input = member(rng, regions, out.groupIds);
    out.memberIds.push(space.members.createWithHistory(input, memberHistory(past, input, organizers)));
    if ((i + 1) % SAMPLE_STEP.members === 0) yield { members: i + 1, of: members };
  }
  if (members % SAMPLE_STEP.members !== 0) yield { members, of: members };

  yield* generateMemberSkills(space, rng, out.memberIds, out.skillIds, memberSkills, { members, of: members });
  yield* generateNotes(space, rng, out.memberIds, organizers, notes, { members, of: members });
  const at = { members, of: members };
  yield at;
  for (const _ of generateCivics(space, rng, out, events)) yield at;
  generatePlaces(space, out.skillIds);
  for (const _ of generateEngagement(space, past, out)) yield at;
  return { doc, space, ...out, organizers };
}

function member(
  rng: Prng,
  regions: readonly { id: string; branch: string; city: string; zips: string[] }[],
  groupIds: readonly string[],
): MemberInput {
  const firstName = rng.pick(data.FIRST_NAMES);
  const lastName = rng.pick(data.LAST_NAMES);
  const region = rng.pick(regions);
  const handle = `${normalizeForSearch(firstName)}.${normalizeForSearch(lastName)}`.replace(/[^a-z.]/g, '');
  const status = rng.chance(0.6) ? 'good_standing' : rng.pick(['member', 'lapsed', 'expired'] as const);
  const joinDate = rng.day('2016-01-01', '2025-05-31');
  const spanish = /[áéíóúñ]/i.test(firstName + lastName) || rng.chance(0.2);
  return {
    firstName,
    lastName,
    ...(rng.chance(0.1) ? { preferredName: firstName.slice(0, 3) } : {}),
    ...(rng.chance(0.4) ? { pronouns: rng.pick(data.PRONOUNS) } : {}),
    emails: [`${handle}${rng.int(1000)}@${rng.pick(data.EMAIL_DOMAINS)}`],
    phones: [formatPhone(rng)],
    address: { lines: [`${100 + rng.int(9900)} ${rng.pick(data.STREETS)}`], city: region.city, state: 'CA' },
    // Region and branch follow from the ZIP code (MemberCollection), as for an imported member.
    zip: rng.pick(region.zips),
    actionkitId: String(100_000 + rng.int(900_000)),
    membershipStatus: status,
    membershipType: rng.pick(['one_time', 'yearly', 'monthly', 'income_based'] as const),
    duesStatus: rng.pick(DUES_STATUSES),
    joinDate,
    xdate: rng.day('2024-01-01', '2027-12-31'),
    ...(rng.chance(0.25) ? unionFields(rng) : {}),
    ...(rng.chance(0.08) ? { student: true } : {}),
    doNotCall: rng.chance(0.05),
    textOptOut: rng.chance(0.08),
    ...(rng.chance(0.1) ? { mailingPreference: 'no_mail' as const } : {}),
    languages: spanish ? ['es', ...(rng.chance(0.7) ? ['en'] : [])] : ['en', ...rng.some(KNOWN_LANGUAGES.slice(2), 1)],
    needs: rng.chance(0.3) ? rng.some(KNOWN_NEEDS, 2) : [],
    resources: rng.chance(0.3) ? rng.some(KNOWN_RESOURCES, 2) : [],
    groupIds: rng.chance(0.4) ? rng.some(groupIds, 2) : [],
    tags: rng.chance(0.3) ? rng.some(data.TAGS, 2) : [],
    ...(rng.chance(0.5) ? { assessment: 1 + rng.int(5) } : {}),
    ladderStage: rng.pick(LADDER_STAGES),
    // A name as organizers type it here (notes name a device); as many names as organizers, so the draws stay the same.
    ...(rng.chance(0.3) ? { assignedOrganizer: rng.pick(data.ORGANIZER_NAMES) } : {}),
  };
}

function unionFields(rng: Prng) {
  const union = rng.pick(data.UNIONS);
  return { unionMember: true, unionName: union.name, unionLocal: rng.pick(union.locals) };
}

function formatPhone(rng: Prng): string {
  const area = rng.pick(['213', '323', '310', '818', '562', '626', '747']);
  const a = String(200 + rng.int(800));
  const b = String(rng.int(10_000)).padStart(4, '0');
  switch (rng.int(4)) {
    case 0:
      return `(${area}) ${a}-${b}`;
    case 1:
      return `${area}-${a}-${b}`;
    case 2:
      return `+1 ${area} ${a} ${b}`;
    default:
      return `${area}${a}${b}`;
  }
}

function* generateMemberSkills(
  space: SpaceData,
  rng: Prng,
  memberIds: string[],
  skillIds: string[],
  count: number,
  at: SampleProgress,
): Generator<SampleProgress> {
  const teachable = skillIds.slice(0, -2); // the last two skills stay gaps
  const seen = new Set<string>();
  const max = Math.min(count, memberIds.length * skillIds.length);
  let guard = 0;
  while (seen.size < max && guard++ < max * 20) {
    const memberId = rng.pick(memberIds);
    const skillId = rng.pick(skillIds);
    const key = `${memberId}/${skillId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let level: SkillLevel = rng.pick(SKILL_LEVELS);
    if (level === 'can_teach' && !teachable.includes(skillId)) level = 'can_do';
    const trainings = rng.chance(0.2)
      ? [
          {
            name: `${rng.pick(['Intro', 'Advanced', 'Train-the-trainer'])} workshop`,
            date: rng.day('2019-01-01', '2025-05-31'),
          },
        ]
      : [];
    space.memberSkills.create({ memberId, skillId, level, trainings });
    if (seen.size % SAMPLE_STEP.memberSkills === 0) yield at;
  }
}

function* generateNotes(
  space: SpaceData,
  rng: Prng,
  memberIds: string[],
  organizers: string[],
  count: number,
  at: SampleProgress,
): Generator<SampleProgress> {
  if (!memberIds.length) return;
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % SAMPLE_STEP.notes === 0) yield at;
    const date = rng.day('2023-01-01', '2025-05-31');
    const withStep = rng.chance(0.3);
    space.notes.create({
      kind: rng.pick(NOTE_KINDS) as NoteKind,
      memberId: rng.pick(memberIds),
      date,
      body: `${rng.pick(data.NOTE_BODIES)} ${rng.chance(0.5) ? rng.pick(data.NOTE_BODIES) : ''}`.trim(),
      ...(withStep
        ? { nextStep: rng.pick(data.NEXT_STEPS), dueDate: rng.day(date, '2025-08-31'), done: rng.chance(0.5) }
        : {}),
      author: rng.pick(organizers),
      ...(rng.chance(0.3) ? { assignedOrganizer: rng.pick(organizers) } : {}),
      sensitivity: (rng.chance(0.85) ? 'standard' : rng.pick(['sensitive', 'restricted'])) as SensitivityTier,
    });
  }
}

/** Roles, a year of events (a step each), then the groups' and partners' details. */
function* generateCivics(
  space: SpaceData,
  rng: Prng,
  ids: { memberIds: string[]; groupIds: string[] },
  events: number,
): Generator<void> {
  if (!ids.memberIds.length) return;
  generateRoles(space, rng, ids);
  yield* generateEvents(space, rng, ids, events);
  describeGroupsAndPartners(space, rng, ids);
}

/** The fixture's two years of history: from here back to HISTORY_START. */
const HISTORY_START = Date.parse('2023-06-01T00:00:00Z');
const DAY = 86_400_000;

/**
 * Two years of a member's past that lead to where they are now: the ladder climbed a rung or a few at a
 * time, assessments revised, and for some a lapse (and maybe a renewal) of their membership. Every change
 * lies between their join date (or two years back) and the fixture's day.
 */
function memberHistory(rng: Prng, m: MemberInput, organizers: readonly string[]): MemberHistories {
  const joined = m.joinDate ? Date.parse(`${m.joinDate}T12:00:00Z`) : HISTORY_START;
  const start = Math.max(joined, HISTORY_START);
  // The first value is known from the start (their join, or two years back); later changes at random days.
  const moments = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      i === 0 ? start : start + rng.int(Math.max(1, Math.floor((EPOCH - start) / DAY))) * DAY + 43_200_000,
    ).sort((a, b) => a - b);
  const by = () => rng.pick(organizers);

  const top = m.ladderStage === undefined ? -1 : LADDER_STAGES.indexOf(m.ladderStage);
  const first = top < 0 ? -1 : Math.max(0, top - rng.int(3));
  const climb = moments(top - first + 1);
  const ladderHistory = top < 0 ? [] : climb.map((at, i) => ({ stage: LADDER_STAGES[first + i]!, at, by: by() }));

  const assessmentHistory: MemberHistories['assessmentHistory'] = [];
  if (m.assessment !== undefined) {
    const times = moments(1 + rng.int(3));
    times.forEach((at, i) => {
      const last = i === times.length - 1;
      assessmentHistory.push({ value: last ? m.assessment! : 1 + rng.int(5), at, by: by() });
    });
  }

  const statusHistory: MemberHistories['statusHistory'] = [];
  const status = m.membershipStatus;
  if (status !== undefined) {
    const lapsedNow = status === 'lapsed' || status === 'expired';
    const [a, b, c] = moments(3);
    if (lapsedNow) {
      statusHistory.push({ status: 'good_standing', at: a!, by: by() }, { status, at: b!, by: by() });
    } else if (rng.chance(0.15)) {
      statusHistory.push(
        { status: 'good_standing', at: a!, by: by() },
        { status: 'lapsed', at: b!, by: by() },
        { status, at: c!, by: by() },
      );
    } else statusHistory.push({ status, at: a!, by: by() });
  }
  return { ladderHistory, assessmentHistory, statusHistory };
}

/** Two years of meetings (general, actions, trainings: a step each), the chapter's engagement targets and two lists. */
function* generateEngagement(
  space: SpaceData,
  rng: Prng,
  ids: { memberIds: string[]; regionIds: string[] },
): Generator<void> {
  if (!ids.memberIds.length) return;
  for (let month = 0; month < 24; month++) {
    const first = new Date(HISTORY_START + month * 31 * DAY).toISOString().slice(0, 8);
    const kinds: EventKind[] = ['general_meeting', 'action', ...(month % 3 === 0 ? (['training'] as const) : [])];
    for (const kind of kinds) {
      const attendees = new Set<string>();
      const n = 20 + rng.int(kind === 'general_meeting' ? 200 : 80);
      for (let k = 0; k < n; k++) attendees.add(rng.pick(ids.memberIds));
      space.attendance.create({
        eventName: kind === 'general_meeting' ? 'General meeting' : kind === 'action' ? 'Action' : 'Training',
        kind,
        date: `${first}${String(1 + rng.int(28)).padStart(2, '0')}`,
        memberIds: [...attendees],
      });
      yield;
    }
  }
  // Targets in proportion to the chapter, so a small sample has reachable ones too.
  const members = ids.memberIds.length;
  const scaled = (perTenThousand: number) => Math.max(2, Math.round((perTenThousand * members) / 10_000));
  space.targets.create({ name: 'One-on-ones', metric: 'one_on_ones', period: 'month', target: scaled(400) });
  space.targets.create({
    name: 'Leaders',
    metric: 'members_at_stage',
    ladderStage: 'leader',
    period: 'quarter',
    target: scaled(3500),
  });
  space.targets.create({
    name: 'New leaders',
    metric: 'reached_stage',
    ladderStage: 'leader',
    period: 'month',
    target: scaled(60),
  });
  space.targets.create({
    name: 'General meeting turnout',
    metric: 'meeting_turnout',
    eventKind: 'general_meeting',
    regionId: ids.regionIds[0],
    period: 'quarter',
    target: 20,
  });
  space.targets.create({
    name: 'Active members',
    metric: 'active_members',
    eventKind: 'general_meeting',
    period: 'year',
    target: scaled(1500),
    dueDate: '2025-12-31',
  });
  const leaders = space.members.all().filter((m) => m.ladderStage === 'leader' && m.regionId === ids.regionIds[0]);
  space.lists.create({
    name: 'Leaders to call',
    channel: 'call',
    memberIds: leaders.slice(0, 40).map((m) => m.id),
    assignedOrganizer: data.ORGANIZER_NAMES[1],
    source: { kind: 'view', name: 'Leaders' },
  });
  space.lists.create({ name: 'Meeting reminder', channel: 'text', memberIds: ids.memberIds.slice(0, 120) });
}

/**
 * The chapter's own catalogue entries (a need of its own, met by a resource of its own and by a
 * skill) and a boundary file with one shape, so that every record kind has samples.
 */
function generatePlaces(space: SpaceData, skillIds: readonly string[]): void {
  space.catalogue.save('resource', 'knows_tenant_law', { label: 'Knows tenant law' });
  space.catalogue.save('need', 'landlord_trouble', {
    label: 'Trouble with a landlord',
    metBy: ['knows_tenant_law'],
    skillIds: skillIds.slice(0, 1),
  });
  space.catalogue.save('need', 'evening_only', { retired: true });
  const square = [
    [-118.27, 34.03],
    [-118.22, 34.03],
    [-118.22, 34.07],
    [-118.27, 34.07],
    [-118.27, 34.03],
  ];
  const { geojson } = parseBoundaryFile(
    JSON.stringify({
      type: 'Feature',
      properties: { name: 'Downtown turf' },
      geometry: { type: 'Polygon', coordinates: [square] },
    }),
  );
  space.boundaries.create({ name: 'Branch turf (sample)', kind: 'branch_turf', geojson });
}
