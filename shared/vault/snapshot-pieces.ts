/**
 * A space's state as a list of Yjs updates (format V2) of bounded size, so that
 * unlock can apply one per task and give the event loop back between them
 * (ARCHITECTURE.md "Where unlock time goes").
 *
 * Pieces come in an order in which each applies whole: every struct's
 * dependencies (the structs before it from its client, its left and right
 * origins, the item of its parent type) are in an earlier piece or in the
 * same one, so Yjs never holds pending structs between pieces. Pieces are
 * cut along each client's clock: a piece carries, per client, one run of
 * structs that continues where that client's run in the previous piece
 * ended. The delete set of the whole document comes last, once every struct
 * it names is in.
 *
 * `later` names root types (the notes) whose structs come after all the
 * others: the other roots' structs, with everything they depend on, are in
 * the first pieces, so the roster's data is whole once those are applied.
 *
 * The snapshot writer encodes in tasks (encodePiecesInTasks), a piece per
 * task: the structs are read across tasks, so the document must not change
 * until the last piece is written (an edit splits, merges and
 * garbage-collects structs, and would leave a state no heads name). A
 * transaction that begins meanwhile either waits for the rest to be written
 * in its task, or ends the encoding with no pieces (ARCHITECTURE.md "Where
 * unlock time goes").
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { nextTask } from '../timers';

/** The estimated size of a piece (see `estimate`). */
export const PIECE_BYTES = 256 * 1024;
/** Structs per piece: Yjs's time to integrate a piece grows with its structs more than with its bytes. */
export const PIECE_STRUCTS = 4096;
/** Structs looked at per step when finding what the first pieces need (`closureOf`): a few milliseconds. */
const SCANNED_PER_STEP = 16_384;

type Struct = Y.Item | Y.GC;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs's own type for a type of any content
type AnyType = Y.AbstractType<any>;

interface Budget {
  readonly bytes: number;
  readonly structs: number;
}

/** One client's structs, and how far the pieces written so far reach into them. */
interface ClientStructs {
  readonly client: number;
  readonly structs: readonly Struct[];
  /** Index of the first struct not yet in a piece. */
  next: number;
}

export interface PieceOptions {
  /** Root types whose structs come after those of every other root (and what those depend on). */
  readonly later?: readonly string[];
  /** Estimated bytes per piece (the last struct added may pass it). */
  readonly bytes?: number;
  /** Structs per piece. */
  readonly structs?: number;
}

/**
 * The document's state as V2 updates which, applied in order to an empty
 * document, give the same state (the same state vector, content and delete
 * set). A document with pending structs (updates whose dependencies never
 * arrived) keeps them: they travel in the last piece, as in
 * Y.encodeStateAsUpdateV2. In one task (tests, tools): the app's writers use
 * encodePiecesInTasks.
 */
export function encodePieces(doc: Y.Doc, options: PieceOptions = {}): Uint8Array[] {
  return runToEnd(encodingSteps(doc, options));
}

/** What encodePiecesInTasks does when a transaction begins on the document before the last piece is written. */
export type WhenChanged =
  /** The remaining pieces are written at once, in that task, before the transaction changes anything. */
  | 'finish'
  /** The encoding stops with no pieces, and the transaction goes ahead at once (the caller tries later). */
  | 'give-up';

export interface InTasksOptions extends PieceOptions {
  readonly whenChanged: WhenChanged;
  /** Gives the event loop back between steps (VaultOptions.yieldTask). Default: the next task. */
  readonly yieldTask?: () => Promise<void>;
}

/**
 * encodePieces with the event loop given back between pieces (and between the
 * passes that find what the first pieces need), so a large space's snapshot
 * does not freeze the window. The pieces hold the document as it was when
 * this was called, whatever happens meanwhile: the encoding is never resumed
 * past a transaction (`whenChanged`). Undefined when it gave up.
 */
export function encodePiecesInTasks(
  doc: Y.Doc,
  options: InTasksOptions & { whenChanged: 'finish' },
): Promise<Uint8Array[]>;
export function encodePiecesInTasks(doc: Y.Doc, options: InTasksOptions): Promise<Uint8Array[] | undefined>;
export async function encodePiecesInTasks(doc: Y.Doc, options: InTasksOptions): Promise<Uint8Array[] | undefined> {
  const steps = encodingSteps(doc, options);
  let ended: { pieces: Uint8Array[] | undefined } | { error: unknown } | undefined;
  // Yjs emits it before the transaction's function runs: nothing has changed yet.
  const beforeChange = () => {
    if (ended) return;
    if (options.whenChanged === 'give-up') {
      ended = { pieces: undefined };
      return;
    }
    try {
      ended = { pieces: runToEnd(steps) };
    } catch (error) {
      ended = { error }; // not thrown into the organizer's edit: the writer gets it
    }
  };
  doc.on('beforeTransaction', beforeChange);
  try {
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await (options.yieldTask ?? nextTask)();
      if (ended && 'error' in ended) throw ended.error;
      if (ended) return ended.pieces;
    }
  } finally {
    doc.off('beforeTransaction', beforeChange);
    steps.return([]);
  }
}

function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * encodePieces as steps, each a piece or a pass over the structs: between two, the caller may give
 * the event loop back, as long as the document does not change meanwhile (encodePiecesInTasks).
 */
function* encodingSteps(doc: Y.Doc, options: PieceOptions): Generator<void, Uint8Array[]> {
  const budget: Budget = { bytes: options.bytes ?? PIECE_BYTES, structs: options.structs ?? PIECE_STRUCTS };
  const clients: ClientStructs[] = [...doc.store.clients.entries()]
    .filter(([, structs]) => structs.length > 0)
    .map(([client, structs]) => ({ client, structs, next: 0 }));
  /** Per client, the clock up to which structs are in a piece (the receiver's state vector). */
  const reached = new Map<number, number>();
  const pieces: Uint8Array[] = [];
  const later = new Set(options.later ?? []);
  if (later.size > 0) {
    const wanted = structsUnder(doc, (root) => root !== undefined && !later.has(root));
    yield;
    const needed = yield* closureOf(clients, wanted);
    yield* writePhase(clients, reached, (c) => needed.get(c.client) ?? 0, budget, pieces);
  }
  yield* writePhase(clients, reached, () => Number.POSITIVE_INFINITY, budget, pieces);
  // The delete set alone (and any pending structs): every struct it names is in by now.
  pieces.push(Y.encodeStateAsUpdateV2(doc, Y.encodeStateVector(doc)));
  return pieces;
}

/**
 * Writes pieces until every client's structs below its `limit` are in, one per step. Each piece
 * takes, client after client and round after round, the next structs whose dependencies are
 * already in (in an earlier piece or earlier in this one: Yjs integrates an update's structs in
 * dependency order), until the budget is spent.
 */
function* writePhase(
  clients: readonly ClientStructs[],
  reached: Map<number, number>,
  limit: (c: ClientStructs) => number,
  budget: Budget,
  pieces: Uint8Array[],
): Generator<void, void> {
  const below = (c: ClientStructs) => c.next < c.structs.length && c.structs[c.next]!.id.clock < limit(c);
  while (clients.some(below)) {
    const start = new Map(clients.map((c) => [c, c.next]));
    let size = 0;
    let count = 0;
    const room = () => size < budget.bytes && count < budget.structs;
    let progress = true;
    while (progress && room()) {
      progress = false;
      for (const c of clients) {
        while (room() && below(c) && ready(c.structs[c.next]!, reached)) {
          const struct = c.structs[c.next++]!;
          reached.set(c.client, struct.id.clock + struct.length);
          size += estimate(struct);
          count++;
          progress = true;
        }
      }
    }
    const runs = clients.filter((c) => c.next > start.get(c)!);
    // Cannot happen for a document Yjs built (its structs were integrated in some such order).
    if (runs.length === 0) throw new Error('snapshot pieces: no struct has its dependencies');
    pieces.push(encodeRuns(runs.map((c) => ({ c, from: start.get(c)! }))));
    yield;
  }
}

/** One V2 update holding, per client, the structs from `from` to `c.next`, and an empty delete set. */
function encodeRuns(runs: readonly { c: ClientStructs; from: number }[]): Uint8Array {
  const encoder = new Y.UpdateEncoderV2();
  encoding.writeVarUint(encoder.restEncoder, runs.length);
  for (const { c, from } of runs) {
    encoding.writeVarUint(encoder.restEncoder, c.next - from);
    encoder.writeClient(c.client);
    encoding.writeVarUint(encoder.restEncoder, c.structs[from]!.id.clock);
    for (let i = from; i < c.next; i++) c.structs[i]!.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, 0); // no deletions: they come in the last piece
  return encoder.toUint8Array();
}

/** The structs a struct needs in the document before it can be integrated, besides its own client's earlier ones. */
function dependencies(struct: Struct): Y.ID[] {
  if (!(struct instanceof Y.Item)) return [];
  const out: Y.ID[] = [];
  if (struct.origin) out.push(struct.origin);
  if (struct.rightOrigin) out.push(struct.rightOrigin);
  const parentItem = struct.parent instanceof Y.AbstractType ? struct.parent._item : null;
  if (parentItem) out.push(parentItem.id);
  return out;
}

/** Whether the struct's dependencies are in (called once per struct written: no allocation). */
function ready(struct: Struct, reached: ReadonlyMap<number, number>): boolean {
  if (!(struct instanceof Y.Item)) return true;
  const isIn = (id: Y.ID | null) => id === null || id.clock < (reached.get(id.client) ?? 0);
  const parentItem = struct.parent instanceof Y.AbstractType ? struct.parent._item : null;
  return isIn(struct.origin) && isIn(struct.rightOrigin) && isIn(parentItem?.id ?? null);
}

/**
 * Per client, the clock up to which structs are needed for `wanted` (their dependencies included,
 * transitively), in steps of SCANNED_PER_STEP structs.
 */
function* closureOf(
  clients: readonly ClientStructs[],
  wanted: Map<number, number>,
): Generator<void, Map<number, number>> {
  const needed = new Map(wanted);
  const scanned = new Map<number, number>(clients.map((c) => [c.client, 0]));
  let changed = true;
  let looked = 0;
  while (changed) {
    changed = false;
    for (const c of clients) {
      let i = scanned.get(c.client)!;
      for (; i < c.structs.length && c.structs[i]!.id.clock < (needed.get(c.client) ?? 0); i++) {
        for (const id of dependencies(c.structs[i]!)) {
          if (id.clock + 1 > (needed.get(id.client) ?? 0)) {
            needed.set(id.client, id.clock + 1);
            changed = true;
          }
        }
        if (++looked % SCANNED_PER_STEP === 0) yield;
      }
      scanned.set(c.client, i);
    }
  }
  return needed;
}

/** Per client, the clock past the last item that lives under a root type `wanted` takes. */
function structsUnder(doc: Y.Doc, wanted: (root: string | undefined) => boolean): Map<number, number> {
  const rootName = new Map<AnyType, string | undefined>();
  for (const [name, type] of doc.share) rootName.set(type, name);
  const rootOf = (type: AnyType): string | undefined => {
    const known = rootName.get(type);
    if (known !== undefined || rootName.has(type)) return known;
    const parent = type._item?.parent;
    const name = parent instanceof Y.AbstractType ? rootOf(parent) : undefined;
    rootName.set(type, name);
    return name;
  };
  const out = new Map<number, number>();
  for (const [client, structs] of doc.store.clients) {
    for (let i = structs.length - 1; i >= 0; i--) {
      const s = structs[i]!;
      if (s instanceof Y.Item && s.parent instanceof Y.AbstractType && wanted(rootOf(s.parent))) {
        out.set(client, s.id.clock + s.length);
        break;
      }
    }
  }
  return out;
}

/** Roughly what a struct takes in an update: enough to bound a piece, cheap to compute. */
function estimate(struct: Struct): number {
  if (!(struct instanceof Y.Item)) return 4;
  const c = struct.content;
  const key = struct.parentSub?.length ?? 0;
  if (c instanceof Y.ContentString) return 8 + key + c.str.length;
  if (c instanceof Y.ContentAny) return 8 + key + c.arr.reduce((n: number, v) => n + valueSize(v, 0), 0);
  if (c instanceof Y.ContentBinary) return 8 + key + c.content.length;
  return 8 + key;
}

function valueSize(value: unknown, depth: number): number {
  if (typeof value === 'string') return value.length + 1;
  if (value === null || typeof value !== 'object' || depth > 4) return 4;
  if (value instanceof Uint8Array) return value.length;
  const items = Array.isArray(value) ? value : Object.entries(value as object).flat();
  return items.reduce((n: number, v) => n + valueSize(v, depth + 1), 2);
}
