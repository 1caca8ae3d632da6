/**
 * No module of the app imports itself through others at run time (ARCHITECTURE.md "The parts"): a
 * cycle makes load order decide what a module sees, and it blurs which part depends on which. Type-only
 * imports are left out (they vanish from the build). The scan reads each file's import and export-from
 * statements and follows relative paths only (packages cannot import the app back).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const FOLDERS = ['shared', 'renderer', 'electron'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Relative modules a file needs at run time: `import type` and `export type` are skipped. */
export function runtimeImports(text: string): string[] {
  const found: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*'([^']+)'/gms;
  for (const match of text.matchAll(statement)) {
    const [, , typeOnly, what, spec] = match;
    if (typeOnly || !spec!.startsWith('.')) continue;
    // `import { type A, type B } from` is type-only too.
    const names = /^\{([^}]*)\}$/.exec(what!.trim())?.[1];
    if (names !== undefined && names.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))) continue;
    found.push(spec!);
  }
  for (const match of text.matchAll(/^\s*import\s+'([^']+)'/gm)) if (match[1]!.startsWith('.')) found.push(match[1]!);
  return found;
}

function resolve(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile() && /\.tsx?$/.test(c));
}

/** Strongly connected groups of more than one module (Tarjan), each a cycle of imports. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    if (group.length > 1 || (graph.get(node) ?? []).includes(node)) groups.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return groups;
}

test('the app has no import cycle', () => {
  const graph = new Map<string, string[]>();
  for (const file of FOLDERS.flatMap((f) => sources(path.join(ROOT, f)))) {
    const deps = runtimeImports(readFileSync(file, 'utf8'))
      .map((spec) => resolve(file, spec))
      .filter((d): d is string => d !== undefined);
    graph.set(file, deps);
  }
  expect(graph.size).toBeGreaterThan(200);
  const found = cycles(graph).map((group) => group.map((f) => path.relative(ROOT, f)));
  expect(found).toEqual([]);
});

test('the scan sees a cycle, and leaves out imports of types only', () => {
  expect(
    cycles(
      new Map([
        ['a', ['b']],
        ['b', ['c']],
        ['c', ['a']],
        ['d', ['a']],
      ]),
    ),
  ).toEqual([['a', 'b', 'c']]);
  expect(runtimeImports("import { A } from './a';\nimport type { B } from './b';\nexport * from './c';")).toEqual([
    './a',
    './c',
  ]);
  expect(runtimeImports("import { type A, type B } from './a';\nimport {\n  C,\n  type D,\n} from './c';")).toEqual([
    './c',
  ]);
});
