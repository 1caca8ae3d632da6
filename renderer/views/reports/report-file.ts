/**
 * A de-identified report as the file that leaves the app: a title, lines that
 * say what it is and how small counts were hidden, the table, and a footer.
 * The preview on screen, the CSV and the PDF are all made from this one
 * object, so the preview is exactly what the file holds.
 */
import type { TFunction } from 'i18next';
import { gridCsv } from '../../../shared/csv/export';
import { COUNT_COLUMN, NOT_SET, type Report, type ReportDimension, type Shown } from '../../../shared/model/report';
import type { PdfTable } from '../../components/pdf';
import type { CodeKind } from '../../app/useLabels';

export interface ReportFile {
  readonly title: string;
  readonly lines: readonly string[];
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Whether the last row holds the column totals. */
  readonly totalsRow: boolean;
  readonly footer: readonly string[];
}

export interface ReportWords {
  readonly t: TFunction;
  readonly label: (kind: CodeKind, code: string | undefined) => string;
  readonly regionName: (id: string) => string | undefined;
  readonly skillName: (id: string) => string | undefined;
  /**
   * The report's day in the reader's language (useDayFormat), in the file as on the screen: the line is a
   * sentence for people, and the medium style names the month, so "06/07" is never read two ways. The
   * file's name keeps the ISO day, which sorts and reads the same everywhere.
   */
  readonly day: (day: string) => string;
}

export function reportFile(report: Report, words: ReportWords): ReportFile {
  const { t } = words;
  const { spec } = report;
  // Every hidden count gets the same word: a complement may be large, so "<k" would be false for it,
  // and a different mark would tell which hidden count is the small one.
  const cell = (v: Shown) => (v === 'suppressed' ? t('reports.hiddenCell') : String(v));
  const category = (dimension: ReportDimension, key: string): string => {
    if (key === NOT_SET) return t('reports.notSet');
    switch (dimension) {
      case 'region':
        return words.regionName(key) ?? t('reports.notSet');
      case 'skill':
        return words.skillName(key) ?? '';
      case 'ladderStage':
        return words.label('ladderStage', key);
      case 'membershipStatus':
        return words.label('membershipStatus', key);
      case 'attendance':
        return t(`reports.band.${key}`);
    }
  };
  const columnWords = report.columnKeys.map((k) =>
    k === COUNT_COLUMN || !spec.columns ? t('reports.members') : category(spec.columns, k),
  );
  const header = [
    t(`reports.dimension.${spec.rows}`),
    ...columnWords,
    ...(report.rowTotals ? [t('reports.total')] : []),
  ];
  const rows = report.rowKeys.map((key, i) => [
    category(spec.rows, key),
    ...report.cells[i]!.map(cell),
    ...(report.rowTotals ? [cell(report.rowTotals[i]!)] : []),
  ]);
  if (report.columnTotals)
    rows.push([
      t('reports.total'),
      ...report.columnTotals.map(cell),
      ...(report.rowTotals && report.total !== undefined ? [cell(report.total)] : []),
    ]);
  const title = spec.columns
    ? t('reports.titleBoth', {
        rows: t(`reports.dimension.${spec.rows}`),
        columns: t(`reports.dimension.${spec.columns}`),
      })
    : t('reports.titleOne', { rows: t(`reports.dimension.${spec.rows}`) });
  return {
    title,
    lines: [
      t('reports.onDay', { day: words.day(spec.onDay) }),
      ...(spec.rows === 'attendance' || spec.columns === 'attendance' ? [t('reports.attendanceNote')] : []),
      ...(spec.rows === 'skill' ? [t('reports.skillNote')] : []),
      t('reports.suppressionNote', { k: spec.k }),
    ],
    header,
    rows,
    totalsRow: report.columnTotals !== undefined,
    footer: [t('reports.footer')],
  };
}

/** The CSV: the same lines, one cell each, around the table. */
export function reportCsv(file: ReportFile): string {
  return gridCsv([
    [file.title],
    ...file.lines.map((l) => [l]),
    [],
    file.header,
    ...file.rows,
    [],
    ...file.footer.map((f) => [f]),
  ]);
}

export function reportPdf(file: ReportFile, t: TFunction): PdfTable {
  return {
    title: file.title,
    lines: file.lines,
    header: file.header,
    rows: file.rows,
    widths: [2.5, ...file.header.slice(1).map(() => 1)],
    footer: file.footer,
    landscape: file.header.length > 6,
    pageLabel: (page, pages) => t('lists.sheet.page', { page, pages }),
  };
}
