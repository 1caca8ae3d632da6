/**
 * A chapter's dashboard and report settings, kept in the space's `meta` map
 * beside its name, so every organizer of the space shares them (they sync
 * like any other change):
 * - `assessmentLabels`: a Y.Map from "1"…"5" to the chapter's own name for
 *   that assessment ("Not yet asked", …). One key per value, so two organizers
 *   renaming different values at once both win. A value with no label is
 *   shown by the app's default words for it.
 * - `reportMinimumCell`: k, the smallest count a de-identified report shows
 *   (report.ts); smaller counts are suppressed.
 */
import * as Y from 'yjs';
import { AppError } from '../errors';
import { metaMap } from './layout';
import type { SpaceData } from './space-data';

export const META_ASSESSMENT_LABELS = 'assessmentLabels';
export const META_REPORT_MINIMUM_CELL = 'reportMinimumCell';

export const ASSESSMENT_VALUES = [1, 2, 3, 4, 5] as const;
export const MAX_ASSESSMENT_LABEL = 60;
export const DEFAULT_MINIMUM_CELL = 10;
/** k below 3 would let a report name a pair; above 1,000 hides every chapter's figures. */
export const MINIMUM_CELL_RANGE = { min: 3, max: 1000 } as const;

/** The chapter's names for assessment values, as stored; a peer's malformed entries are ignored. */
export function assessmentLabels(data: Pick<SpaceData, 'doc'>): Readonly<Partial<Record<number, string>>> {
  const stored = metaMap(data.doc).get(META_ASSESSMENT_LABELS);
  if (!(stored instanceof Y.Map)) return {};
  const out: Partial<Record<number, string>> = {};
  for (const v of ASSESSMENT_VALUES) {
    const label = stored.get(String(v));
    if (typeof label === 'string' && label.trim() && label.length <= MAX_ASSESSMENT_LABEL) out[v] = label.trim();
  }
  return out;
}

/** Renames an assessment value for the whole space; an empty label goes back to the default words. */
export function setAssessmentLabel(data: SpaceData, value: number, label: string): void {
  if (!(ASSESSMENT_VALUES as readonly number[]).includes(value))
    throw new AppError('invalid-data', 'assessment label: the value is 1 to 5');
  const trimmed = label.trim();
  if (trimmed.length > MAX_ASSESSMENT_LABEL)
    throw new AppError('invalid-data', `assessment label: at most ${MAX_ASSESSMENT_LABEL} characters`);
  data.transact(() => {
    const meta = metaMap(data.doc);
    let map = meta.get(META_ASSESSMENT_LABELS);
    if (!(map instanceof Y.Map)) {
      if (!trimmed) return;
      map = new Y.Map<string>();
      meta.set(META_ASSESSMENT_LABELS, map);
    }
    const labels = map as Y.Map<string>;
    if (trimmed) labels.set(String(value), trimmed);
    else labels.delete(String(value));
  });
}

/** k: counts under it are suppressed in de-identified reports. */
export function reportMinimumCell(data: Pick<SpaceData, 'doc'>): number {
  const k = metaMap(data.doc).get(META_REPORT_MINIMUM_CELL);
  return typeof k === 'number' && Number.isInteger(k) && k >= MINIMUM_CELL_RANGE.min && k <= MINIMUM_CELL_RANGE.max
    ? k
    : DEFAULT_MINIMUM_CELL;
}

export function setReportMinimumCell(data: SpaceData, k: number): void {
  if (!Number.isInteger(k) || k < MINIMUM_CELL_RANGE.min || k > MINIMUM_CELL_RANGE.max)
    throw new AppError(
      'invalid-data',
      `report minimum: a whole number from ${MINIMUM_CELL_RANGE.min} to ${MINIMUM_CELL_RANGE.max}`,
    );
  data.transact(() => metaMap(data.doc).set(META_REPORT_MINIMUM_CELL, k));
}
