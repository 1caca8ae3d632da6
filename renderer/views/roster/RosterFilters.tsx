import { memo, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberFilters } from '../../../shared/model/filter';
import {
  LADDER_STAGES,
  MEMBERSHIP_STATUSES,
  type LadderStage,
  type MembershipStatus,
} from '../../../shared/model/codes';
import type { Member } from '../../../shared/model/member';
import { useRecords } from '../../app/useRecords';
import { Select } from '../../components/fields';
import type { CodeKind } from '../../app/useLabels';
import { useCatalogue, useCodeLabel } from '../../app/useCatalogue';
import { offeredCodes } from '../../../shared/model/catalogue';
import type { RosterPreview } from '../../app/roster-preview';

/** The region filter's choice for members with no region. */
const NO_REGION = '-';

interface Props {
  /** While the space opens: the regions, groups, skills and catalogue named from its read index (roster-preview.ts). */
  readonly preview?: RosterPreview | null;
  readonly members: readonly Member[];
  readonly filters: MemberFilters;
  readonly onChange: (filters: MemberFilters) => void;
}

type Option = { readonly value: string; readonly label: string };

/**
 * One select per dimension; dimensions combine with AND. "Any" clears one.
 * Memoized: its props do not change while the user types a search, and its
 * selects hold hundreds of options.
 */
export const RosterFilters = memo(function RosterFilters({ preview, members, filters, onChange }: Props) {
  const { t } = useTranslation();
  // While the space opens, the chapter's names for its codes come from the read index too.
  const catalogue = preview?.roster.catalogue;
  const label = useCodeLabel(catalogue);
  const id = useId();
  const needs = useCatalogue('need', catalogue);
  const resources = useCatalogue('resource', catalogue);
  const languages = useCatalogue('language', catalogue);
  const tags = useCatalogue('tag', catalogue);

  const options = useRecords(
    (data) => {
      const distinct = (pick: (m: Member) => readonly (string | undefined)[]) =>
        [...new Set(members.flatMap(pick).filter((v): v is string => !!v))].sort();
      const codes = (kind: CodeKind, known: readonly string[], pick: (m: Member) => readonly string[]) =>
        [...new Set([...known, ...distinct(pick)])].map((v) => ({ value: v, label: label(kind, v) }));
      const byName = (a: Option, b: Option) => a.label.localeCompare(b.label);
      return {
        region: [
          ...(preview?.roster.regions ?? data.regions.all()).map((r) => ({ value: r.id, label: r.name })).sort(byName),
          { value: NO_REGION, label: t('roster.noRegion') },
        ],
        branch: distinct((m) => [m.branch]).map((v) => ({ value: v, label: v })),
        zip: distinct((m) => [m.zip?.slice(0, 5)]).map((v) => ({ value: v, label: v })),
        status: MEMBERSHIP_STATUSES.map((v) => ({ value: v, label: label('membershipStatus', v) })),
        ladder: LADDER_STAGES.map((v) => ({ value: v, label: label('ladderStage', v) })),
        assessment: [1, 2, 3, 4, 5].map((v) => ({ value: String(v), label: String(v) })),
        group: (preview?.roster.groups ?? data.groups.all()).map((g) => ({ value: g.id, label: g.name })).sort(byName),
        skill: (preview?.roster.skills ?? data.skills.all()).map((s) => ({ value: s.id, label: s.name })).sort(byName),
        need: codes('need', offeredCodes(needs), (m) => m.needs),
        resource: codes('resource', offeredCodes(resources), (m) => m.resources),
        language: codes('language', offeredCodes(languages), (m) => m.languages),
        tag: codes('tag', offeredCodes(tags), (m) => m.tags),
      };
    },
    [preview, members, label, needs, resources, languages, tags, t],
    ['regions', 'groups', 'skills'],
  );

  // The same <option> elements while the lists are unchanged: React then skips hundreds of them
  // on every filter change (the map recounts on each one). Keyed by the lists themselves, which are
  // new whenever the options are read again.
  const [elements] = useState(() => new WeakMap<readonly Option[], ReactNode>());
  const optionElements = (list: readonly Option[]) => {
    let made = elements.get(list);
    if (made === undefined)
      elements.set(
        list,
        (made = list.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))),
      );
    return made;
  };

  const one = <V,>(values: readonly V[] | undefined) => (values?.[0] as string | undefined) ?? '';
  const list = (v: string) => (v ? [v] : undefined);

  const fields: { key: string; value: string; options: readonly Option[]; set: (v: string) => MemberFilters }[] = [
    {
      key: 'region',
      value: filters.withoutRegion ? NO_REGION : one(filters.regionIds),
      options: options.region,
      set: (v) =>
        v === NO_REGION
          ? { ...filters, regionIds: undefined, withoutRegion: true }
          : { ...filters, regionIds: list(v), withoutRegion: undefined },
    },
    {
      key: 'branch',
      value: one(filters.branches),
      options: options.branch,
      set: (v) => ({ ...filters, branches: list(v) }),
    },
    {
      key: 'zip',
      value: one(filters.zips),
      options: options.zip,
      set: (v) => ({ ...filters, zips: list(v) }),
    },
    {
      key: 'status',
      value: one(filters.membershipStatuses),
      options: options.status,
      set: (v) => ({ ...filters, membershipStatuses: list(v) as MembershipStatus[] | undefined }),
    },
    {
      key: 'ladder',
      value: one(filters.ladderStages),
      options: options.ladder,
      set: (v) => ({ ...filters, ladderStages: list(v) as LadderStage[] | undefined }),
    },
    {
      key: 'assessment',
      value: filters.assessment?.min !== undefined ? String(filters.assessment.min) : '',
      options: options.assessment,
      set: (v) => ({ ...filters, assessment: v ? { min: Number(v), max: Number(v) } : undefined }),
    },
    {
      key: 'group',
      value: one(filters.groupIds),
      options: options.group,
      set: (v) => ({ ...filters, groupIds: list(v) }),
    },
    {
      key: 'skill',
      value: filters.skill?.skillId ?? '',
      options: options.skill,
      set: (v) => ({ ...filters, skill: v ? { skillId: v } : undefined }),
    },
    { key: 'need', value: one(filters.needs), options: options.need, set: (v) => ({ ...filters, needs: list(v) }) },
    {
      key: 'resource',
      value: one(filters.resources),
      options: options.resource,
      set: (v) => ({ ...filters, resources: list(v) }),
    },
    {
      key: 'language',
      value: one(filters.languages),
      options: options.language,
      set: (v) => ({ ...filters, languages: list(v) }),
    },
    { key: 'tag', value: one(filters.tags), options: options.tag, set: (v) => ({ ...filters, tags: list(v) }) },
    {
      key: 'active',
      value: filters.active === undefined ? '' : filters.active ? 'yes' : 'no',
      options: [
        { value: 'yes', label: t('roster.activeYes') },
        { value: 'no', label: t('roster.activeNo') },
      ],
      set: (v) => ({ ...filters, active: v === '' ? undefined : v === 'yes' }),
    },
  ];

  return (
    <fieldset className="filters">
      <legend>{t('roster.filters')}</legend>
      {fields.map((f) => (
        <div key={f.key} className="filter">
          <label htmlFor={`${id}-${f.key}`}>{t(`roster.filter.${f.key}`)}</label>
          <Select id={`${id}-${f.key}`} value={f.value} onChange={(e) => onChange(f.set(e.target.value))}>
            <option value="">{t('roster.any')}</option>
            {optionElements(f.options)}
          </Select>
        </div>
      ))}
      <button type="button" className="link" onClick={() => onChange({})}>
        {t('roster.clearFilters')}
      </button>
    </fieldset>
  );
});
