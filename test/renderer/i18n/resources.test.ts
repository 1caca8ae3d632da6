import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const EN = flatten(en as Tree);
const ES = flatten(es as Tree);

test('English and Spanish have exactly the same keys', () => {
  expect([...ES.keys()].sort()).toEqual([...EN.keys()].sort());
});

test('no translation is empty, and placeholders match between languages', () => {
  const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
  for (const [key, value] of EN) {
    expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
    expect({ key, empty: (ES.get(key) ?? '').trim() === '' }).toEqual({ key, empty: false });
    expect({ key, placeholders: placeholders(ES.get(key) ?? '') }).toEqual({ key, placeholders: placeholders(value) });
  }
});

test('every plural has its one form beside its other form in both languages', () => {
  for (const [name, keys] of [
    ['en', EN],
    ['es', ES],
  ] as const)
    for (const key of keys.keys()) {
      if (!key.endsWith('_other')) continue;
      const base = key.slice(0, -'_other'.length);
      expect({ name, key, one: keys.has(`${base}_one`) }).toEqual({ name, key, one: true });
    }
});

test('every literal key the renderer asks for exists', () => {
  const root = join(__dirname, '..', '..', '..', 'renderer');
  const missing: string[] = [];
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) {
      // A plural is asked for by its base key: i18next picks `_one` or `_other` from `count`.
      if (!EN.has(m[1]!) && !EN.has(`${m[1]}_other`)) missing.push(`${file.slice(root.length)}: ${m[1]}`);
    }
  }
  expect(missing).toEqual([]);
});

test('every error code of shared/errors.ts reads as a sentence in both languages', () => {
  const errors = readFileSync(join(__dirname, '..', '..', '..', 'shared', 'errors.ts'), 'utf8');
  const union = errors.slice(
    errors.indexOf('export type ErrorCode'),
    errors.indexOf(';', errors.indexOf('export type ErrorCode')),
  );
  const codes = [...union.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]!);
  expect(codes.length).toBeGreaterThan(10);
  for (const code of codes) {
    expect({ code, en: EN.has(`errors.${code}`), es: ES.has(`errors.${code}`) }).toEqual({ code, en: true, es: true });
  }
});
