import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupOf, samplesBetween, summarizeProfile, timeInside, type CpuProfile } from './cpu-summary';

describe('CPU profile summary (unlock bench)', () => {
  let dist: string;

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'cpu-summary-'));
    mkdirSync(join(dist, 'assets'));
    // Line 1 of the minified script: column 0 comes from Yjs, column 10 from the app's store layer.
    const map = {
      version: 3,
      sources: ['../../node_modules/yjs/dist/yjs.mjs', '../../shared/store/database.ts'],
      names: ['applyUpdate'],
      mappings: 'AAAAA,UCAA',
    };
    writeFileSync(join(dist, 'assets', 'index-x.js.map'), JSON.stringify(map));
  });

  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('groups sources by library, and the app by folder', () => {
    expect(groupOf('../../node_modules/lib0/decoding.js')).toBe('yjs');
    expect(groupOf('../../node_modules/react-dom/cjs/react-dom-client.production.js')).toBe('react');
    expect(groupOf('../../node_modules/@tanstack/virtual-core/dist/index.js')).toBe('react');
    expect(groupOf('../../node_modules/zod/v4/core/parse.js')).toBe('zod');
    expect(groupOf('../../shared/store/entry-store.ts')).toBe('idb (shared/store)');
    expect(groupOf('../../shared/model/fast-parse.ts')).toBe('app: shared/model');
    expect(groupOf('../../renderer/views/roster/rows.ts')).toBe('app: renderer/views');
  });

  it('maps self time through the source map and charges builtins to their caller', () => {
    const url = 'http://127.0.0.1:1/assets/index-x.js';
    const frame = (functionName: string, u = '', columnNumber = 0) => ({
      functionName,
      url: u,
      lineNumber: 0,
      columnNumber,
    });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 4, 5, 6] },
        { id: 2, callFrame: frame('Qx', url, 0), children: [3] },
        { id: 3, callFrame: frame('decode') },
        { id: 4, callFrame: frame('e.onsuccess', url, 10) },
        { id: 5, callFrame: frame('(garbage collector)') },
        { id: 6, callFrame: frame('(idle)') },
      ],
      samples: [2, 3, 3, 4, 5, 6],
      // A sample lasts until the next one (µs); the last one has no end.
      timeDeltas: [0, 1000, 2000, 1000, 500, 3000],
    };
    const summary = summarizeProfile(profile, dist);
    const groups = Object.fromEntries(summary.groups.map((g) => [g.name, g.ms]));
    expect(groups).toEqual({
      yjs: 4,
      'idb (shared/store)': 0.5,
      gc: 3,
      'idle (waiting: Argon2id worker, IndexedDB)': 0,
    });
    expect(summary.totalMs).toBe(7.5);
    expect(summary.functions[0]).toEqual({ name: 'decode (native, from applyUpdate yjs/dist/yjs.mjs:1)', ms: 3 });
    expect(summary.functions.map((f) => f.name)).toContain('applyUpdate yjs/dist/yjs.mjs:1');
  });

  it('splits the samples into the trace’s tasks and charges each long one to the app function nearest the work', () => {
    const url = 'http://127.0.0.1:1/assets/index-x.js';
    const frame = (functionName: string, u = '', columnNumber = 0) => ({
      functionName,
      url: u,
      lineNumber: 0,
      columnNumber,
    });
    // The app's store function (column 10) calls Yjs (column 0), which calls a builtin.
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 5, 6] },
        { id: 2, callFrame: frame('e.onsuccess', url, 10), children: [3] },
        { id: 3, callFrame: frame('Qx', url, 0), children: [4] },
        { id: 4, callFrame: frame('decode') },
        { id: 5, callFrame: frame('(garbage collector)') },
        { id: 6, callFrame: frame('(idle)') },
      ],
      startTime: 1_000_000,
      // Samples 20 ms apart: a long task and a short one back to back (no idle sample between them), then a short one.
      samples: [4, 3, 5, 2, 4, 6, 2, 6],
      timeDeltas: [0, 20_000, 20_000, 20_000, 20_000, 20_000, 20_000, 20_000],
    };
    const tasks = [
      { start: 1_000_000, end: 1_070_000 },
      { start: 1_070_000, end: 1_090_000 },
      { start: 1_110_000, end: 1_130_000 },
    ];
    const [first, ...rest] = summarizeProfile(profile, dist, tasks).longTasks.concat();
    expect(rest).toEqual([]);
    expect(first!.ms).toBe(80);
    expect(first!.callers).toEqual([
      { name: 'e.onsuccess shared/store/database.ts:1', ms: 60 },
      { name: 'gc', ms: 20 },
    ]);
    // Without the trace, the two tasks back to back read as one.
    expect(summarizeProfile(profile, dist).longTasks.map((t) => t.ms)).toEqual([100]);
  });

  it('keeps the samples of one stretch of the window, each with its own duration', () => {
    const frame = (functionName: string) => ({ functionName, url: '', lineNumber: 0, columnNumber: 0 });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2] },
        { id: 2, callFrame: frame('(program)') },
      ],
      samples: [2, 2, 2, 2],
      // Samples at 0, 1, 3 and 6 ms, lasting 1, 2, 3 and (unknown) ms.
      timeDeltas: [0, 1000, 2000, 3000],
    };
    const part = samplesBetween(profile, 1, 5);
    expect(part.samples).toEqual([2, 2]);
    expect(summarizeProfile(part, dist).totalMs).toBe(5); // the samples at 1 ms (2 ms long) and 3 ms (3 ms long)
    expect(samplesBetween(profile, 7, 9).samples).toEqual([]);
  });

  it('counts the time inside each script function, its callees included, once per sample', () => {
    const url = 'http://127.0.0.1:1/assets/index-x.js';
    const frame = (functionName: string, u = '', columnNumber = 0) => ({
      functionName,
      url: u,
      lineNumber: 0,
      columnNumber,
    });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 5] },
        { id: 2, callFrame: frame('Qx', url, 0), children: [3] },
        { id: 3, callFrame: frame('Qx', url, 0), children: [4] }, // recursion: counted once
        { id: 4, callFrame: frame('decode') },
        { id: 5, callFrame: frame('e.onsuccess', url, 10) },
      ],
      samples: [2, 4, 5, 5],
      timeDeltas: [0, 1000, 2000, 1000, 1000],
    };
    const inside = Object.fromEntries(timeInside(profile, dist).map((t) => [t.name, t.ms]));
    expect(inside).toEqual({ 'applyUpdate yjs/dist/yjs.mjs:1': 3, 'e.onsuccess shared/store/database.ts:1': 2 });
  });
});
