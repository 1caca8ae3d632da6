/**
 * The chapter's own catalogue of needs, resources, languages and tags. The
 * lists the app ships (codes.ts) are where it starts: a chapter adds its own
 * entries, labels them in its words, retires a built-in it does not use, and
 * says which resources and skills meet each need ("who nearby can help",
 * help.ts). One record per entry, its id derived from kind and code
 * (`need:childcare`), so two organizers adding the same entry at once edit one
 * record. Members keep codes; a retired entry stays readable on the members
 * who have it, it is only no longer offered.
 */
import { z } from 'zod';
import { AppError } from '../errors';
import {
  CATALOGUE_KINDS,
  KNOWN_LANGUAGES,
  KNOWN_NEED_MATCHES,
  KNOWN_NEEDS,
  KNOWN_RESOURCES,
  type CatalogueKind,
} from './codes';
import { code, codes, defineRecord, recordId, shortText } from './fields';
import type { InputOf, PatchOf, RecordOf } from './fields';
import type { Member } from './member';
import { Collection } from './collection';
import type { ModelContext } from './collection';
import type { CollectionName } from './layout';

const NEED_MATCHES: Readonly<Record<string, readonly string[] | undefined>> = KNOWN_NEED_MATCHES;

export const catalogueRecord = defineRecord(
  'catalogueEntry',
  {
    kind: z.enum(CATALOGUE_KINDS),
    /** What members store: a code for needs, resources and languages; the tag itself for tags. */
    code: shortText(60).min(1),
    /** The chapter's name for it; without one, the app's translation of a built-in code, or the code. */
    label: shortText(100).optional(),
    retired: z.boolean(),
    /** Needs only: resources that meet it. */
    metBy: codes,
    /** Needs only: skills (catalogue ids) whose holders can help. */
    skillIds: z.array(recordId).max(100),
  },
  { retired: false, metBy: [], skillIds: [] },
);
export type CatalogueRecord = RecordOf<typeof catalogueRecord>;

/** One entry as the app offers it: a built-in code with the chapter's changes, or the chapter's own. */
export interface CatalogueEntry {
  readonly kind: CatalogueKind;
  readonly code: string;
  readonly label?: string;
  readonly builtIn: boolean;
  readonly retired: boolean;
  readonly metBy: readonly string[];
  readonly skillIds: readonly string[];
}

const BUILT_IN: Record<CatalogueKind, readonly string[]> = {
  need: KNOWN_NEEDS,
  resource: KNOWN_RESOURCES,
  language: KNOWN_LANGUAGES,
  tag: [],
};

export function catalogueId(kind: CatalogueKind, entryCode: string): string {
  return `${kind}:${entryCode}`;
}

/**
 * The code an organizer's label becomes ("Needs a wheelchair ramp" → `needs_a_wheelchair_ramp`):
 * lower case, words joined by `_`, letters of any script kept. Tags are stored as typed.
 */
export function codeFromLabel(kind: CatalogueKind, label: string): string {
  const trimmed = label.trim().slice(0, 60);
  if (kind === 'tag') return trimmed;
  return trimmed
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Lo}0-9_:.-]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60);
}

/** Every entry of one kind: built-ins first (in the app's order), then the chapter's own by label. */
export function catalogueEntries(records: readonly CatalogueRecord[], kind: CatalogueKind): CatalogueEntry[] {
  // A peer may have written a need, resource or language whose code no member can hold: not offered.
  const usable = (r: CatalogueRecord) => r.kind === kind && (kind === 'tag' || code.safeParse(r.code).success);
  const stored = new Map(records.filter(usable).map((r) => [r.code, r]));
  const entry = (c: string, builtIn: boolean): CatalogueEntry => {
    const r = stored.get(c);
    const defaultMatches = kind === 'need' && builtIn ? NEED_MATCHES[c] : [];
    return {
      kind,
      code: c,
      ...(r?.label ? { label: r.label } : {}),
      builtIn,
      retired: r?.retired ?? false,
      // A stored entry's matches replace the built-in ones (so a chapter can remove one).
      metBy: r ? r.metBy : (defaultMatches ?? []),
      skillIds: r?.skillIds ?? [],
    };
  };
  const builtIns = BUILT_IN[kind].map((c) => entry(c, true));
  const own = [...stored.keys()]
    .filter((c) => !BUILT_IN[kind].includes(c))
    .map((c) => entry(c, false))
    .sort((a, b) => (a.label ?? a.code).localeCompare(b.label ?? b.code));
  return [...builtIns, ...own];
}

/** The entries offered on a member's form: those not retired, plus any the member already has. */
export function offeredCodes(entries: readonly CatalogueEntry[], has: readonly string[] = []): string[] {
  const offered = entries.filter((e) => !e.retired).map((e) => e.code);
  return [...new Set([...offered, ...has])];
}

/** Codes members hold that the catalogue does not list (typed before the catalogue existed, or by a peer). */
export function unlistedCodes(
  entries: readonly CatalogueEntry[],
  members: readonly Member[],
  pick: (m: Member) => readonly string[],
): string[] {
  const known = new Set(entries.map((e) => e.code));
  const out = new Set<string>();
  for (const m of members) for (const c of pick(m)) if (!known.has(c)) out.add(c);
  return [...out].sort();
}

export interface CatalogueChange {
  readonly label?: string;
  readonly retired?: boolean;
  readonly metBy?: readonly string[];
  readonly skillIds?: readonly string[];
}

/** The catalogue's records, with the one write the app needs: add or change an entry. */
export class CatalogueCollection extends Collection<typeof catalogueRecord> {
  constructor(ctx: ModelContext, name: CollectionName) {
    super(ctx, name, catalogueRecord);
  }

  /** Adds an entry, or changes one (a built-in gets a record the first time it is changed). */
  save(kind: CatalogueKind, entryCode: string, change: CatalogueChange): string {
    if (kind !== 'tag' && !code.safeParse(entryCode).success)
      throw new AppError('invalid-data', 'catalogue: a code is lower-case letters, digits and _');
    const id = catalogueId(kind, entryCode);
    const patch: PatchOf<typeof catalogueRecord> = {};
    if (change.label !== undefined) patch.label = change.label.trim() || undefined;
    if (change.retired !== undefined) patch.retired = change.retired;
    if (change.metBy !== undefined) patch.metBy = [...change.metBy];
    if (change.skillIds !== undefined) patch.skillIds = [...change.skillIds];
    if (this.has(id)) {
      this.update(id, patch);
      return id;
    }
    // A built-in need keeps its shipped matches unless the change names others.
    const shipped = kind === 'need' ? NEED_MATCHES[entryCode] : undefined;
    const input = { kind, code: entryCode, ...(shipped ? { metBy: [...shipped] } : {}), ...patch };
    return this.createWithId(id, input as InputOf<typeof catalogueRecord>);
  }
}
