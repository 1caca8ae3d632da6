import type * as Y from 'yjs';
import { randomId } from '../crypto';
import { AppError } from '../errors';
import { Collection } from './collection';
import type { ModelContext } from './collection';
import { MemberCollection, MemberSkillCollection, NoteCollection, RegionCollection } from './collections';
import { AttendanceCollection } from './check-in';
import { trainingChanged } from './trainings';
import type { MemberDeleteOptions } from './collections';
import { groupRecord } from './group';
import { META_SCHEMA_VERSION, META_SPACE_NAME, metaMap, SCHEMA_VERSION, storedSchemaVersion } from './layout';
import { migrate } from './migrate';
import { partnerRecord } from './partner';
import { zipToRegion } from './region';
import type { Place } from './collections';
import { CatalogueCollection } from './catalogue';
import { boundaryRecord } from './boundary';
import { roleRecord } from './role';
import { skillRecord } from './skill';
import { targetRecord } from './target';
import { listRecord } from './list';

export interface SpaceDataOptions {
  /** Clock in ms since the epoch (injectable for tests). */
  readonly now?: () => number;
  /** Record id generator; default: 16 random bytes from shared/crypto (initCrypto() must have run). */
  readonly newId?: () => string;
  /** Transaction origin for our writes; default: the SpaceData itself. */
  readonly origin?: unknown;
  /** Run migrate(doc) on open (default true). */
  readonly migrate?: boolean;
}

/**
 * Typed, validated access to one space's Y.Doc. Opening migrates the doc to
 * the current schema version (an ordinary change that syncs). A doc written by
 * a newer, incompatible version can be read but not written ('schema-too-new').
 */
export class SpaceData {
  readonly members: MemberCollection;
  readonly skills: Collection<typeof skillRecord>;
  readonly memberSkills: MemberSkillCollection;
  readonly notes: NoteCollection;
  readonly groups: Collection<typeof groupRecord>;
  readonly regions: RegionCollection;
  readonly roles: Collection<typeof roleRecord>;
  readonly attendance: AttendanceCollection;
  readonly partners: Collection<typeof partnerRecord>;
  readonly targets: Collection<typeof targetRecord>;
  readonly lists: Collection<typeof listRecord>;
  /** The chapter's own needs, resources, languages and tags (catalogue.ts). */
  readonly catalogue: CatalogueCollection;
  /** Boundary files the chapter imported (council districts, branch turf: boundary.ts). */
  readonly boundaries: Collection<typeof boundaryRecord>;
  private readonly ctx: ModelContext;
  /** ZIP → place, rebuilt after any change to the regions (ours, or a peer's). */
  private places: Map<string, Place> | null = null;

  constructor(
    readonly doc: Y.Doc,
    readonly author: string,
    opts: SpaceDataOptions = {},
  ) {
    if (!author) throw new AppError('invalid-data', 'space data needs an author device id');
    const origin = opts.origin ?? this;
    if (opts.migrate !== false) migrate(doc, origin);
    this.ctx = {
      doc,
      author,
      now: opts.now ?? Date.now,
      newId: opts.newId ?? randomId,
      origin,
      assertWritable: () => this.assertWritable(),
    };
    const ctx = this.ctx;
    this.members = new MemberCollection(
      ctx,
      'members',
      (id, o) => this.cascadeMemberDelete(id, o),
      (zip) => this.placeOf(zip),
    );
    this.skills = new Collection(ctx, 'skills', skillRecord);
    this.memberSkills = new MemberSkillCollection(ctx, 'memberSkills');
    this.notes = new NoteCollection(ctx, 'notes');
    this.groups = new Collection(ctx, 'groups', groupRecord);
    this.regions = new RegionCollection(ctx, 'regions', () => (this.places = null));
    this.roles = new Collection(ctx, 'roles', roleRecord);
    this.attendance = new AttendanceCollection(ctx, 'attendance', {
      onChange: (before, after) => trainingChanged(this, before, after),
    });
    this.partners = new Collection(ctx, 'partners', partnerRecord);
    this.targets = new Collection(ctx, 'targets', targetRecord);
    this.lists = new Collection(ctx, 'lists', listRecord);
    this.catalogue = new CatalogueCollection(ctx, 'catalogue');
    this.boundaries = new Collection(ctx, 'boundaries', boundaryRecord);
  }

  /** Where a ZIP code puts a member (its region and that region's branch); empty when no region covers it. */
  placeOf(zip: string | undefined): Place {
    if (!zip) return {};
    if (!this.places) {
      const regions = this.regions.all();
      const branches = new Map(regions.map((r) => [r.id, r.branch]));
      this.places = new Map(
        [...zipToRegion(regions)].map(([z5, regionId]) => {
          const branch = branches.get(regionId);
          return [z5, branch === undefined ? { regionId } : { regionId, branch }];
        }),
      );
    }
    return this.places.get(zip.slice(0, 5)) ?? {};
  }

  get schemaVersion(): number | undefined {
    return storedSchemaVersion(this.doc);
  }

  /** False when a newer version of the app wrote this doc in a layout we cannot write safely. */
  get writable(): boolean {
    return (this.schemaVersion ?? 0) <= SCHEMA_VERSION;
  }

  get name(): string | undefined {
    const name = metaMap(this.doc).get(META_SPACE_NAME);
    return typeof name === 'string' ? name : undefined;
  }

  setName(name: string): void {
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 200) throw new AppError('invalid-data', 'space name: 1–200 characters');
    this.transact(() => metaMap(this.doc).set(META_SPACE_NAME, trimmed));
  }

  /** Groups several writes into one transaction (one change-log entry, one observer call). */
  transact<R>(fn: () => R): R {
    this.assertWritable();
    let result!: R;
    this.doc.transact(() => {
      this.stampVersion();
      result = fn();
    }, this.ctx.origin);
    return result;
  }

  private assertWritable(): void {
    if (!this.writable)
      throw new AppError(
        'schema-too-new',
        `space written by schema version ${this.schemaVersion}; this app knows ${SCHEMA_VERSION}`,
      );
    this.stampVersion();
  }

  /** The first write into an empty doc marks its layout version. */
  private stampVersion(): void {
    const meta = metaMap(this.doc);
    if (meta.get(META_SCHEMA_VERSION) === undefined) {
      this.doc.transact(() => meta.set(META_SCHEMA_VERSION, SCHEMA_VERSION), this.ctx.origin);
    }
  }

  private cascadeMemberDelete(memberId: string, opts: MemberDeleteOptions): void {
    for (const s of this.memberSkills.all()) if (s.memberId === memberId) this.memberSkills.delete(s.id);
    for (const r of this.roles.all()) if (r.holderId === memberId) this.roles.delete(r.id);
    for (const e of this.attendance.all()) {
      if (e.memberIds.includes(memberId)) this.attendance.checkOut(e.id, memberId);
      if (e.trainerIds.includes(memberId))
        this.attendance.update(e.id, { trainerIds: e.trainerIds.filter((id) => id !== memberId) });
    }
    for (const p of this.partners.all())
      if (p.liaisonIds.includes(memberId))
        this.partners.update(p.id, { liaisonIds: p.liaisonIds.filter((id) => id !== memberId) });
    for (const n of this.notes.all()) {
      if (n.memberId !== memberId) continue;
      if (opts.notes === 'detach') this.notes.update(n.id, { memberId: undefined });
      else this.notes.delete(n.id);
    }
  }
}
