/** The measures the map can colour by, as options of one select (`kind` or `kind:code`). */
import type { CatalogueEntry } from '../../../shared/model/catalogue';
import type { Measure } from '../../../shared/model/place-counts';
import type { Skill } from '../../../shared/model/skill';

export function measureKey(m: Measure): string {
  if (m.kind === 'skill') return `skill:${m.skillId}`;
  return 'code' in m ? `${m.kind}:${m.code}` : m.kind;
}

export function measureOf(key: string): Measure {
  const at = key.indexOf(':');
  if (at < 0) return { kind: key as 'members' | 'goodStanding' | 'active' | 'lapsed' };
  const kind = key.slice(0, at);
  const rest = key.slice(at + 1);
  if (kind === 'skill') return { kind: 'skill', skillId: rest };
  return { kind: kind as 'need' | 'resource' | 'language' | 'tag', code: rest };
}

export interface MeasureGroup {
  readonly group: 'members' | 'need' | 'resource' | 'language' | 'tag' | 'skill';
  readonly options: readonly { readonly key: string; readonly label: string }[];
}

export function measureGroups(
  label: (kind: 'need' | 'resource' | 'language' | 'tag', code: string) => string,
  t: (key: string) => string,
  catalogue: {
    readonly need: readonly CatalogueEntry[];
    readonly resource: readonly CatalogueEntry[];
    readonly language: readonly CatalogueEntry[];
  },
  tags: readonly string[],
  skills: readonly Skill[],
): MeasureGroup[] {
  const codes = (kind: 'need' | 'resource' | 'language', entries: readonly CatalogueEntry[]) =>
    entries.filter((e) => !e.retired).map((e) => ({ key: `${kind}:${e.code}`, label: label(kind, e.code) }));
  return [
    {
      group: 'members',
      options: (['members', 'goodStanding', 'active', 'lapsed'] as const).map((k) => ({
        key: k,
        label: t(`places.measure.${k}`),
      })),
    },
    { group: 'need', options: codes('need', catalogue.need) },
    { group: 'resource', options: codes('resource', catalogue.resource) },
    { group: 'language', options: codes('language', catalogue.language) },
    { group: 'tag', options: tags.map((c) => ({ key: `tag:${c}`, label: label('tag', c) })) },
    {
      group: 'skill',
      options: [...skills]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((s) => ({ key: `skill:${s.id}`, label: s.name })),
    },
  ];
}
