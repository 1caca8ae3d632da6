/**
 * A 10,000-row national list, as a large chapter receives it. Times are
 * printed, never asserted (the goal: "a CSV of 10,000 rows imports in
 * seconds"); the counts are asserted.
 */
// As in the renderer, where the import runs: zod without its `new Function` compiler (CSP).
import '../../../renderer/zod-config';
import { applyImport, parseNationalList, planImport } from '../../../shared/csv';
import { nationalList } from './national-list-generator';
import { snapshot, space } from './helpers';

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const result = fn();
  return [result, performance.now() - t0];
}

test("10,000 rows: first import, an identical re-import, and next week's file", () => {
  const data = space();
  data.setName('Chapter');
  const week1 = nationalList(10_000, 1);
  const [list, parseMs] = time(() => parseNationalList(week1));
  expect(list.problems).toEqual([]);
  const [plan, planMs] = time(() => planImport(data, list));
  expect(plan.created).toHaveLength(10_000);
  const [result, applyMs] = time(() => applyImport(data, plan));
  expect(result.created).toBe(10_000);
  expect(data.members.size).toBe(10_000);

  const after = snapshot(data);
  const [again, reimportMs] = time(() => planImport(data, parseNationalList(week1)));
  expect(again.created.length + again.changed.length).toBe(0);
  expect(again.unchanged).toBe(10_000);
  applyImport(data, again);
  // Compared as bytes: Jest's deep equality on 10 MB of update would dominate the run.
  expect(Buffer.compare(snapshot(data), after)).toBe(0);

  const [week2, week2Ms] = time(() => {
    const p = planImport(data, parseNationalList(nationalList(10_000, 2)));
    return { p, result: applyImport(data, p) };
  });
  expect(week2.p.newlyLapsed).toHaveLength(10_000 / 20);
  expect(week2.result.updated).toBe(500 + 200);

  process.stdout.write(
    `csv import 10k rows (${(week1.length / 1e6).toFixed(1)} MB): parse ${parseMs.toFixed(0)} ms, plan ${planMs.toFixed(0)} ms, ` +
      `apply ${applyMs.toFixed(0)} ms; identical re-import (parse+plan) ${reimportMs.toFixed(0)} ms; ` +
      `next week (700 changes) parse+plan+apply ${week2Ms.toFixed(0)} ms\n`,
  );
});
