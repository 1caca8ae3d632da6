import * as Y from 'yjs';
import {
  DUES_STATUSES,
  KNOWN_LANGUAGES,
  KNOWN_NEEDS,
  KNOWN_RESOURCES,
  LADDER_STAGES,
  NOTE_KINDS,
  SKILL_LEVELS,
} from './codes';
import type { GroupKind, NoteKind, PartnerKind, SensitivityTier, SkillCategory, SkillLevel } from './codes';
import * as data from './fixture-data';
import { normalizeForSearch } from './normalize';
import type { MemberInput } from './member';
import { Prng } from './prng';
import { SpaceData } from './space-data';
import { parseBoundaryFile } from './boundary';
import { describeGroupsAndPartners, generateEvents, generateRoles } from './fixture-civics';

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
 * A deterministic, realistic chapter for tests and benchmarks: the same seed
 * gives the same doc content. Everything is written through SpaceData (so it
 * is laid out exactly like the app's writes) in a single transaction, without
 * write-time validation for speed: tests read it all back and expect no problems. The two skills last in
 * the catalogue never get a teacher, so skill gaps always exist.
 */
export function generateChapter(size: ChapterSize = {}, doc: Y.Doc = new Y.Doc()): Chapter {
  const { members = 10_000, memberSkills = 2_000, notes = 50_000, events = 24, seed = 1 } = size;
  const rng = new Prng(seed);
  let clock = EPOCH;
  const organizers = Array.from({ length: 8 }, () => rng.id(43));
  const space = new SpaceData(doc, organizers[0]!, { now: () => clock++, newId: () => rng.id(), trustedWrites: true });
  const out = {
    memberIds: [] as string[],
    skillIds: [] as string[],
    regionIds: [] as string[],
    groupIds: [] as string[],
  };

  space.transact(() => {
    space.setName('Los Angeles chapter');
    const regions = data.REGIONS.map((r) => ({
      ...r,
      id: space.regions.create({ name: r.name, branch: r.branch, zips: r.zips }),
    }));
    out.regionIds = regions.map((r) => r.id);
    out.groupIds = data.GROUPS.map((name) => space.groups.create({ name, kind: 'working_group' as GroupKind }));
    out.skillIds = data.SKILLS.map((s) => space.skills.create({ name: s.name, category: s.category as SkillCategory }));
    for (const p of data.PARTNERS) space.partners.create({ name: p.name, kind: p.kind as PartnerKind });

    for (let i = 0; i < members; i++)
      out.memberIds.push(space.members.create(member(rng, regions, out.groupIds, organizers)));

    generateMemberSkills(space, rng, out.memberIds, out.skillIds, memberSkills);
    generateNotes(space, rng, out.memberIds, organizers, notes);
    generateCivics(space, rng, out, events);
    generatePlaces(space, out.skillIds);
  });
  return { doc, space, ...out, organizers };
}

function member(
  rng: Prng,
  regions: readonly { id: string; branch: string; city: string; zips: string[] }[],
  groupIds: readonly string[],
  organizers: readonly string[],
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
    ...(rng.chance(0.3) ? { assignedOrganizer: rng.pick(organizers) } : {}),
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

function generateMemberSkills(
  space: SpaceData,
  rng: Prng,
  memberIds: string[],
  skillIds: string[],
  count: number,
): void {
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
  }
}

function generateNotes(space: SpaceData, rng: Prng, memberIds: string[], organizers: string[], count: number): void {
  if (!memberIds.length) return;
  for (let i = 0; i < count; i++) {
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

function generateCivics(
  space: SpaceData,
  rng: Prng,
  ids: { memberIds: string[]; groupIds: string[] },
  events: number,
): void {
  if (!ids.memberIds.length) return;
  generateRoles(space, rng, ids);
  generateEvents(space, rng, ids, events);
  describeGroupsAndPartners(space, rng, ids);
  space.benchmarks.create({ name: 'Active members', metric: 'active_members', target: 1500, dueDate: '2025-12-31' });
  space.benchmarks.create({ name: 'Leaders', metric: 'members_at_stage', ladderStage: 'leader', target: 300 });
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
