/**
 * The style sheet parses as plain CSS: no rule hidden inside another rule by a lost closing brace.
 * Chromium reads such a rule as CSS nesting, so the styles silently apply to the wrong elements
 * (a merge once left the top bar's save indicator nested under a map table's header cell).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postcss from 'postcss';

const css = readFileSync(join(__dirname, '..', '..', 'renderer', 'styles.css'), 'utf8');

test('no rule of styles.css is nested in another rule', () => {
  const nested: string[] = [];
  postcss.parse(css).walkRules((rule) => {
    if (rule.parent?.type === 'rule') nested.push(`${(rule.parent as postcss.Rule).selector} > ${rule.selector}`);
  });
  expect(nested).toEqual([]);
});

test('the check finds a rule whose closing brace was lost', () => {
  const broken = '.a {\n  color: red;\n.b {\n  color: blue;\n}\n}';
  const found: string[] = [];
  postcss.parse(broken).walkRules((rule) => {
    if (rule.parent?.type === 'rule') found.push(rule.selector);
  });
  expect(found).toEqual(['.b']);
});
