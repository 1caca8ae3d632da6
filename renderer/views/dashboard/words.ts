/** Months, periods and targets in the organizer's words and language. */
import type { TFunction } from 'i18next';
import { LEVEL_METRICS } from '../../../shared/model/engagement';
import type { Target } from '../../../shared/model/target';
import type { CodeKind } from '../../app/useLabels';

/** "May 2025" / "may 2025". */
export function monthLabel(month: string, language: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric' }).format(new Date(y, m - 1, 1));
}

/** "June 2025" / "junio de 2025": a month named in full, for a choice of months. */
export function longMonthLabel(month: string, language: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric' }).format(new Date(y, m - 1, 1));
}

/** The `count` months up to `last` (YYYY-MM), newest first. */
export function monthsUpTo(last: string, count: number): string[] {
  const [y, m] = last.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.UTC(y, m - 1 - i, 1));
    return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
  });
}

/** A target's period: a month, "Q2 2025", or a year. */
export function periodLabel(period: string, language: string, t: TFunction): string {
  if (/^\d{4}-\d{2}$/.test(period)) return monthLabel(period, language);
  const quarter = /^(\d{4})-Q(\d)$/.exec(period);
  if (quarter) return t('dashboard.quarter', { quarter: quarter[2], year: quarter[1] });
  return period;
}

export interface Names {
  readonly region: (id: string) => string | undefined;
  readonly group: (id: string) => string | undefined;
  readonly skill: (id: string) => string | undefined;
}

/** What a target counts, in one sentence: "One-on-ones each month · Eastside". */
export function targetDescription(
  t: TFunction,
  label: (kind: CodeKind, code: string | undefined) => string,
  target: Target,
  names: Names,
): string {
  const what = t(`dashboard.metric.${target.metric}`, {
    stage: label('ladderStage', target.ladderStage ?? (target.metric === 'reached_stage' ? 'leader' : 'active')),
    kind: t(`codes.eventKind.${target.eventKind ?? 'general_meeting'}`),
    skill: target.skillId ? (names.skill(target.skillId) ?? '') : t('dashboard.anySkill'),
  });
  const when = LEVEL_METRICS.has(target.metric) ? 'perEnd' : 'per';
  const parts = [`${what} ${t(`dashboard.${when}.${target.period}`)}`];
  const region = target.regionId && names.region(target.regionId);
  const group = target.groupId && names.group(target.groupId);
  if (region) parts.push(region);
  if (group) parts.push(group);
  return parts.join(' · ');
}
