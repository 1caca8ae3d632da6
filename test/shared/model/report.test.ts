import fc from 'fast-check';
import {
  buildReport,
  countReport,
  reportMinimumCell,
  setReportMinimumCell,
  suppress,
  type CountTable,
  type Report,
  type ReportSpec,
} from '../../../shared/model';
import { generateChapter } from '../../../shared/sample/generate';
import { makeSpace } from './helpers';

const spec = (k: number, columns?: ReportSpec['columns']): ReportSpec => ({
  rows: 'region',
  columns,
  k,
  onDay: '2025-05-31',
});

/** Every sum the report shows with exactly one suppressed part: such a part can be worked out by subtraction. */
function recoverable(r: Report): string[] {
  const found: string[] = [];
  const check = (name: string, parts: readonly (number | 'suppressed')[], total: number | 'suppressed' | undefined) => {
    if (total === undefined) return;
    if ([...parts, total].filter((v) => v === 'suppressed').length === 1) found.push(name);
  };
  r.cells.forEach((row, i) => check(`row ${i}`, row, r.rowTotals?.[i]));
  r.columnKeys.forEach((_, j) =>
    check(
      `column ${j}`,
      r.cells.map((row) => row[j]!),
      r.columnTotals?.[j],
    ),
  );
  if (r.columnTotals) check('totals', r.columnTotals, r.total);
  if (r.columnTotals && r.rowTotals) check('row totals', r.rowTotals, r.total);
  return found;
}

describe('de-identified reports', () => {
  test('counts under k are suppressed, zero and k itself are shown', () => {
    const table: CountTable = {
      rowKeys: ['a', 'b', 'c', 'd'],
      columnKeys: ['count'],
      cells: [[0], [9], [10], [30]],
      columnTotals: [49],
      total: 49,
    };
    const r = suppress(table, spec(10));
    expect(r.cells.map((row) => row[0])).toEqual([0, 'suppressed', 'suppressed', 30]);
    // 9 alone would be 49 − 0 − 10 − 30: the smallest other count (10) goes too.
    expect(r.suppressed).toEqual({ primary: 1, complementary: 1 });
    expect(recoverable(r)).toEqual([]);
  });

  test('a suppressed cell is never recoverable from a row or column total (two-way table)', () => {
    const table: CountTable = {
      rowKeys: ['east', 'west'],
      columnKeys: ['leader', 'member', 'none'],
      cells: [
        [3, 40, 12],
        [25, 30, 20],
      ],
      rowTotals: [55, 75],
      columnTotals: [28, 70, 32],
      total: 130,
    };
    const r = suppress(table, spec(10, 'ladderStage'));
    expect(r.cells[0]![0]).toBe('suppressed');
    expect(recoverable(r)).toEqual([]);
    // Without the complementary step the 3 would be 55 − 40 − 12.
    expect(r.suppressed.complementary).toBeGreaterThan(0);
  });

  test('property: whatever the counts, no shown sum gives away a suppressed count', () => {
    const counts = fc.array(fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 5 }), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(counts, fc.integer({ min: 3, max: 20 }), (rows, k) => {
        const width = Math.min(...rows.map((r) => r.length));
        const cells = rows.map((r) => r.slice(0, width));
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        const columnTotals = cells[0]!.map((_, j) => sum(cells.map((r) => r[j]!)));
        const table: CountTable = {
          rowKeys: cells.map((_, i) => `r${i}`),
          columnKeys: columnTotals.map((_, j) => `c${j}`),
          cells,
          rowTotals: cells.map(sum),
          columnTotals,
          total: sum(columnTotals),
        };
        const r = suppress(table, spec(k, 'ladderStage'));
        expect(recoverable(r)).toEqual([]);
        // Every count from 1 to k − 1 is hidden, wherever it is.
        const all = [...r.cells.flat(), ...r.rowTotals!, ...r.columnTotals!, r.total!];
        const raw = [...cells.flat(), ...table.rowTotals!, ...columnTotals, table.total!];
        raw.forEach((n, i) => {
          if (n > 0 && n < k) expect(all[i]).toBe('suppressed');
          if (all[i] !== 'suppressed') expect(all[i]).toBe(n);
        });
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  test('on a chapter: region × ladder stage adds up to the roster, skills overlap and have no totals', () => {
    const { space } = generateChapter({ members: 600, memberSkills: 300, notes: 0, seed: 4 });
    const source = {
      members: space.members.all(),
      regionIds: space.regions.all().map((r) => r.id),
      skillIds: space.skills.all().map((s) => s.id),
      memberSkills: space.memberSkills.all(),
      events: space.attendance.all(),
    };
    const counts = countReport(source, { rows: 'region', columns: 'ladderStage', onDay: '2025-05-31' });
    expect(counts.total).toBe(600);
    const east = source.regionIds[0]!;
    expect(counts.rowTotals![0]).toBe(source.members.filter((m) => m.regionId === east).length);
    const leaders = counts.columnKeys.indexOf('leader');
    expect(counts.cells[0]![leaders]).toBe(
      source.members.filter((m) => m.regionId === east && m.ladderStage === 'leader').length,
    );
    const report = buildReport(source, { rows: 'region', columns: 'ladderStage', k: 10, onDay: '2025-05-31' });
    expect(recoverable(report)).toEqual([]);

    const skills = buildReport(source, { rows: 'skill', k: 10, onDay: '2025-05-31' });
    expect(skills.columnTotals).toBeUndefined();
    expect(skills.total).toBeUndefined();
    const attendance = countReport(source, { rows: 'attendance', onDay: '2025-05-31' });
    expect(attendance.total).toBe(600);
    expect(attendance.rowKeys).toEqual(['0', '1', '2-3', '4+']);
  });

  test('k is the chapter’s: default 10, set for the whole space, refused outside 3–1000', () => {
    const { space } = makeSpace();
    expect(reportMinimumCell(space)).toBe(10);
    setReportMinimumCell(space, 5);
    expect(reportMinimumCell(space)).toBe(5);
    expect(() => setReportMinimumCell(space, 1)).toThrow(/3 to 1000/);
    expect(() => setReportMinimumCell(space, 2.5)).toThrow();
    // A peer's malformed value falls back to the default.
    space.doc.getMap('meta').set('reportMinimumCell', 0);
    expect(reportMinimumCell(space)).toBe(10);
  });
});
