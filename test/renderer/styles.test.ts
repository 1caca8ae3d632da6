/**
 * The style sheets (renderer/styles) parse as plain CSS, and the colour tokens keep their contrast.
 *
 * No rule may hide inside another rule by a lost closing brace: Chromium reads such a rule as CSS nesting,
 * so the styles silently apply to the wrong elements (a merge once left the top bar's save indicator nested
 * under a map table's header cell).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import postcss from 'postcss';

const STYLES = join(__dirname, '..', '..', 'renderer', 'styles');
const files = readdirSync(STYLES, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.css'));
const read = (file: string) => readFileSync(join(STYLES, file), 'utf8');

test('every style sheet is imported by index.css, in the order of the cascade', () => {
  const imported = [...read('index.css').matchAll(/@import '\.\/([^']+)'/g)].map((m) => m[1]);
  expect([...imported].sort()).toEqual(files.filter((f) => f !== 'index.css').sort());
  expect(imported.slice(0, 4)).toEqual(['tokens.css', 'base.css', 'components.css', 'shell.css']);
});

test.each(files)('no rule of %s is nested in another rule', (file) => {
  const nested: string[] = [];
  postcss.parse(read(file)).walkRules((rule) => {
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

/** The light and dark value of each `--name: light-dark(#light, #dark)` token. */
function tokens(): Map<string, { light: string; dark: string }> {
  const found = new Map<string, { light: string; dark: string }>();
  postcss.parse(read('tokens.css')).walkDecls(/^--/, (decl) => {
    const pair = /^light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)$/i.exec(decl.value);
    if (pair) found.set(decl.prop.slice(2), { light: pair[1]!, dark: pair[2]! });
    else if (/^#[0-9a-f]{6}$/i.test(decl.value)) found.set(decl.prop.slice(2), { light: decl.value, dark: decl.value });
  });
  return found;
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Text on a surface (4.5:1, WCAG AA for body text) and rings or field borders on a surface (3:1). */
const TEXT_PAIRS: [string, string][] = [
  ...['ink', 'muted', 'link', 'danger'].flatMap((ink) =>
    ['paper', 'wash', 'raised'].map((bg): [string, string] => [ink, bg]),
  ),
  ['ink', 'selected'],
  ['accent-ink', 'accent'],
  ['bar-ink', 'bar'],
  ['danger-ink', 'danger-wash'],
  ['warn', 'warn-wash'],
  ['warn', 'paper'],
  ['ink', 'warn-wash'],
  ['ok-ink', 'ok-wash'],
];
const RING_PAIRS: [string, string][] = [
  // The dashboard's chart series are drawn on the panel (Chart.tsx): each 3:1 against it, as a graphic.
  ...[1, 2, 3, 4, 5, 6, 7].map((n): [string, string] => [`chart-${n}`, 'paper']),
  ['focus', 'paper'],
  ['focus', 'wash'],
  ['focus-on-bar', 'bar'],
  ['field-line', 'paper'],
];

test.each([
  ...TEXT_PAIRS.map(([fg, bg]) => [fg, bg, 4.5] as const),
  ...RING_PAIRS.map(([fg, bg]) => [fg, bg, 3] as const),
])('--%s on --%s meets %s:1 in the light and the dark theme', (fg, bg, minimum) => {
  const all = tokens();
  const [f, b] = [all.get(fg), all.get(bg)];
  expect(f && b).toBeTruthy();
  expect(contrast(f!.light, b!.light)).toBeGreaterThanOrEqual(minimum);
  expect(contrast(f!.dark, b!.dark)).toBeGreaterThanOrEqual(minimum);
});

test('the contrast check fails a pale pair (white on the light wash)', () => {
  expect(contrast('#ffffff', '#f3f5f7')).toBeLessThan(1.1);
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
});
