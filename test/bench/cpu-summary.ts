/**
 * Where a window's main-thread time went: a CPU profile from the DevTools
 * protocol (Profiler.stop), its self time per function, mapped back through the
 * build's source maps to the original file, and grouped by library (yjs,
 * libsodium, react, ...) or by the app's own folder (shared/store is the
 * IndexedDB layer). Used by the unlock suite (rows/unlock.ts); see
 * ARCHITECTURE.md "Where unlock time goes".
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';

/** The parts of a DevTools `Profiler.Profile` read here. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      readonly lineNumber: number;
      readonly columnNumber: number;
    };
    readonly children?: readonly number[];
  }[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
  /** µs, on the clock of the trace's events (for TaskWindow). */
  readonly startTime?: number;
}

/** One main-thread task from a DevTools trace (`RunTask`), µs on the profile's clock. */
export interface TaskWindow {
  readonly start: number;
  readonly end: number;
}

export interface TimeShare {
  readonly name: string;
  readonly ms: number;
}

export interface CpuSummary {
  readonly totalMs: number;
  readonly groups: TimeShare[];
  readonly functions: TimeShare[];
  /** The sampled main-thread tasks of LONG_TASK_MS or more, in order. */
  readonly longTasks: LongTask[];
}

/** A run of samples with no idle one between them (one task, or tasks back to back), and whose work it was. */
export interface LongTask {
  readonly ms: number;
  /**
   * Time by the app function nearest to the work on the stack (a library's or a builtin's time is charged to
   * the app function that called it; `gc` and `native (program)` stay apart), largest first.
   */
  readonly callers: TimeShare[];
}

/** As the browser's `longtask` entries. */
export const LONG_TASK_MS = 50;

/** Library packages folded into the groups the unlock design talks about. */
const PACKAGE_GROUPS: Record<string, string> = {
  yjs: 'yjs',
  lib0: 'yjs',
  'libsodium-wrappers-sumo': 'libsodium',
  'libsodium-sumo': 'libsodium',
  react: 'react',
  'react-dom': 'react',
  scheduler: 'react',
  'react-i18next': 'react',
  '@tanstack/react-virtual': 'react',
  '@tanstack/virtual-core': 'react',
};

/** The group of an original source path: a library, or the app's folder (`app: shared/vault`). */
export function groupOf(source: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)?.[1];
  if (pkg) return PACKAGE_GROUPS[pkg] ?? pkg;
  if (source.includes('shared/store/')) return 'idb (shared/store)';
  const folder = /(shared\/[^/]+|renderer\/[^/]+)\//.exec(source)?.[1];
  return folder ? `app: ${folder}` : source;
}

/** Maps generated positions of the build in `dist` back to sources, one source map per script. */
class SourceMaps {
  private readonly maps = new Map<string, TraceMap | null>();

  constructor(private readonly dist: string) {}

  locate(url: string, line: number, column: number): { source: string; line: number; name: string | null } | null {
    const path = /\/(assets\/[^?#]+\.js)/.exec(url)?.[1];
    if (!path) return null;
    let map = this.maps.get(path);
    if (map === undefined) {
      const file = join(this.dist, `${path}.map`);
      map = existsSync(file) ? new TraceMap(readFileSync(file, 'utf8')) : null;
      this.maps.set(path, map);
    }
    if (!map) return null;
    const p = originalPositionFor(map, { line: line + 1, column });
    return p.source ? { source: p.source, line: p.line ?? 0, name: p.name } : null;
  }
}

interface Place {
  readonly group: string;
  readonly label: string;
}

type Frame = CpuProfile['nodes'][number]['callFrame'];

/** Where a script frame's own time goes, or null for a frame with no script (the engine's own, builtins). */
function placeScript(frame: Frame, maps: SourceMaps): Place | null {
  const { functionName, url, lineNumber, columnNumber } = frame;
  if (url.startsWith('wasm://')) return { group: 'libsodium', label: `wasm ${functionName}` };
  if (!url) return null;
  const at = maps.locate(url, lineNumber, columnNumber);
  if (!at) return { group: url, label: functionName || '(anonymous)' };
  const short = at.source.replace(/^.*?node_modules\//, '').replace(/^(\.\.\/)+/, '');
  // The build is minified: the source map knows the original name where the profile has a short one.
  const name = at.name ?? (functionName || '(anonymous)');
  return { group: groupOf(at.source), label: `${name} ${short}:${at.line}` };
}

const ENGINE_FRAMES: Record<string, string> = {
  '(idle)': 'idle (waiting: Argon2id worker, IndexedDB)',
  '(garbage collector)': 'gc',
  '(program)': 'native (program)',
};

/**
 * Places every node. A builtin (TextDecoder's decode, JSON.parse, Map.set...) is
 * charged to the group of the script that called it, so that "yjs" or
 * "shared/model" include the native work they ask for.
 */
function placeAll(profile: CpuProfile, maps: SourceMaps): Map<number, Place> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const scripts = new Map(profile.nodes.map((n) => [n.id, placeScript(n.callFrame, maps)]));
  const places = new Map<number, Place>();
  for (const n of profile.nodes) {
    const engine = ENGINE_FRAMES[n.callFrame.functionName];
    if (engine) {
      places.set(n.id, { group: engine, label: n.callFrame.functionName });
      continue;
    }
    const own = scripts.get(n.id);
    if (own) {
      places.set(n.id, own);
      continue;
    }
    let up = parent.get(n.id);
    while (up !== undefined && !scripts.get(up)) up = parent.get(up);
    const caller = up === undefined ? null : scripts.get(up)!;
    const name = n.callFrame.functionName || '(native)';
    places.set(
      n.id,
      caller
        ? { group: caller.group, label: `${name} (native, from ${caller.label})` }
        : { group: 'native (builtins)', label: name },
    );
  }
  return places;
}

function ranked(totals: Map<string, number>): TimeShare[] {
  return [...totals.entries()].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}

/**
 * Self time per group and per function (ms), largest first. `dist` holds the build and its `.map` files.
 * `tasks`, the main thread's tasks from a trace taken at the same time, split the samples into tasks; without
 * them, the samples are split at idle ones (tasks back to back then count as one).
 */
export function summarizeProfile(profile: CpuProfile, dist: string, tasks?: readonly TaskWindow[]): CpuSummary {
  const maps = new SourceMaps(dist);
  const places = placeAll(profile, maps);
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  // A sample's time is the gap to the next sample.
  for (let i = 0; i < samples.length; i++) {
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const at = places.get(samples[i]!);
    if (!at) continue;
    total += ms;
    groups.set(at.group, (groups.get(at.group) ?? 0) + ms);
    functions.set(at.label, (functions.get(at.label) ?? 0) + ms);
  }
  return {
    totalMs: total,
    groups: ranked(groups),
    functions: ranked(functions),
    longTasks: longTasks(profile, maps, tasks),
  };
}

/** The app's own sources (not a library's). */
const isApp = (group: string) => group.startsWith('app: ') || group === 'idb (shared/store)';

/** Splits the samples into tasks; for each long one, whose work it was (see LongTask). */
function longTasks(profile: CpuProfile, maps: SourceMaps, tasks?: readonly TaskWindow[]): LongTask[] {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const callerOf = new Map<number, string | null>();
  const caller = (id: number): string | null => {
    const known = callerOf.get(id);
    if (known !== undefined) return known;
    const frame = byId.get(id)!.callFrame;
    const engine = ENGINE_FRAMES[frame.functionName];
    let found: string | null;
    if (engine) found = engine;
    else {
      const own = placeScript(frame, maps);
      const up = parent.get(id);
      found = own && isApp(own.group) ? own.label : up === undefined ? (own?.label ?? null) : caller(up);
      if (found === null && own) found = own.label;
    }
    callerOf.set(id, found);
    return found;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const out: LongTask[] = [];
  let ms = 0;
  let callers = new Map<string, number>();
  const close = () => {
    if (ms >= LONG_TASK_MS) out.push({ ms, callers: ranked(callers) });
    ms = 0;
    callers = new Map();
  };
  let at = profile.startTime ?? 0;
  let task = -1;
  for (let i = 0; i < samples.length; i++) {
    at += deltas[i] ?? 0;
    const node = byId.get(samples[i]!);
    const d = (deltas[i + 1] ?? 0) / 1000;
    if (tasks) {
      while (task + 1 < tasks.length && tasks[task + 1]!.start <= at) {
        close();
        task++;
      }
      if (task < 0 || at > tasks[task]!.end) continue;
    } else if (!node || node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(root)') {
      close();
      continue;
    }
    if (!node) continue;
    ms += d;
    const who = caller(node.id) ?? '(unknown)';
    callers.set(who, (callers.get(who) ?? 0) + d);
  }
  close();
  return out;
}

export function formatSummary(summary: CpuSummary, topFunctions = 15): string {
  const line =
    (of = summary.totalMs) =>
    (s: TimeShare) =>
      `  ${s.ms.toFixed(0).padStart(6)} ms  ${((100 * s.ms) / (of || 1)).toFixed(1).padStart(5)}%  ${s.name}`;
  return [
    `main thread, ${summary.totalMs.toFixed(0)} ms sampled; self time by group:`,
    ...summary.groups.map(line()),
    `top ${topFunctions} functions by self time:`,
    ...summary.functions.slice(0, topFunctions).map(line()),
    ...summary.longTasks.flatMap((task, i) => [
      `long task ${i + 1}: ${task.ms.toFixed(0)} ms sampled; by the app function nearest the work:`,
      ...task.callers.slice(0, topFunctions).map(line(task.ms)),
    ]),
  ].join('\n');
}

/**
 * The part of `profile` from `fromMs` to `toMs` after it started (its first time delta counts from
 * its start): one long task of a longer window. Its samples keep their own durations.
 */
export function samplesBetween(profile: CpuProfile, fromMs: number, toMs: number): CpuProfile {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const kept: number[] = [];
  const durations: number[] = [];
  let at = 0;
  for (let i = 0; i < samples.length; i++) {
    at += (deltas[i] ?? 0) / 1000;
    if (at >= fromMs && at < toMs) {
      kept.push(samples[i]!);
      durations.push(deltas[i + 1] ?? 0);
    }
  }
  return { nodes: profile.nodes, samples: kept, timeDeltas: [0, ...durations] };
}

/**
 * Time spent inside each script function (its own and everything it called, counted once per
 * sample however deep the recursion), largest first: what runs in a long task, by entry point.
 */
export function timeInside(profile: CpuProfile, dist: string): TimeShare[] {
  const maps = new SourceMaps(dist);
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const labels = new Map(profile.nodes.map((n) => [n.id, placeScript(n.callFrame, maps)?.label]));
  const totals = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const seen = new Set<string>();
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
      const label = labels.get(id);
      if (label === undefined || seen.has(label)) continue;
      seen.add(label);
      totals.set(label, (totals.get(label) ?? 0) + ms);
    }
  }
  return ranked(totals);
}
