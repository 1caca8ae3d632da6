/**
 * A 10,000-row national list, as a large chapter receives it. Times are
 * printed, never asserted (DESIGN.md: "a CSV of 10,000 rows imports in
 * seconds"); the counts are asserted.
 */
// As in the renderer, where the import runs: zod without its `new Function` compiler (CSP).
import '../../../renderer/zod-config';
import { applyImport, parseNationalList, planImport } from '../../../shared/csv';
import { snapshot, space } from './helpers';

const FIRST = ['Ana', 'Ben', 'Carmen', 'Dev', 'Elena', 'Farid', 'Grace', 'Héctor', 'Ines', 'José', 'Kiri', 'Luz'];
const LAST = ['Ruiz', 'Cho', 'Okafor', 'Nguyen', 'Muñoz', 'Patel', 'Smith', 'García', 'Kowalski', 'Haddad'];
const HEADER =
  'actionkit_id,first_name,middle_name,last_name,address1,address2,city,state,zip,mobile_phone,best_phone,email,' +
  'mailing_pref,do_not_call,p2ptext_optout,join_date,xdate,membership_type,monthly_dues_status,yearly_dues_status,' +
  'membership_status,union_member,student_yes_no,dsa_chapter,congressional_district,race';

function nationalList(n: number, week: number): string {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    // Week 2: every 20th member lapses, every 50th renews (new xdate).
    const lapsed = week > 1 && i % 20 === 0;
    const xyear = week > 1 && i % 50 === 1 ? 2027 : 2026;
    lines.push(
      [
        100000 + i,
        FIRST[i % FIRST.length],
        '',
        LAST[(i * 7) % LAST.length],
        `${i} Main St`,
        i % 3 ? '' : `Apt ${i % 40}`,
        'Los Angeles',
        'CA',
        String(90001 + (i % 90)),
        `213-555-${String(i % 10000).padStart(4, '0')}`,
        '',
        `member${i}@example.org`,
        i % 9 ? 'yes' : 'no',
        i % 13 ? 'FALSE' : 'TRUE',
        i % 11 ? 'FALSE' : 'TRUE',
        `${(i % 12) + 1}/${(i % 28) + 1}/20${10 + (i % 14)}`,
        `${(i % 12) + 1}/${(i % 28) + 1}/${xyear}`,
        i % 4 ? 'monthly' : 'annual',
        i % 4 ? 'active' : '',
        i % 4 ? '' : 'active',
        lapsed ? 'lapsed' : i % 5 ? 'member in good standing' : 'member',
        i % 6 ? 'No' : '"Yes, current union member"',
        i % 8 ? 'no' : 'yes',
        'Los Angeles',
        'CA-34',
        '',
      ].join(','),
    );
  }
  return lines.join('\r\n');
}

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
