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
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** The estimated size of a piece (see `estimate`). */
export const PIECE_BYTES = 256 * 1024;
/** Structs per piece: Yjs's time to integrate a piece grows with its structs more than with its bytes. */
export const PIECE_STRUCTS = 4096;

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
 * Y.encodeStateAsUpdateV2.
 */
export function encodePieces(doc: Y.Doc, options: PieceOptions = {}): Uint8Array[] {
  const budget: Budget = { bytes: options.bytes ?? PIECE_BYTES, structs: options.structs ?? PIECE_STRUCTS };
  const clients: ClientStructs[] = [...doc.store.clients.entries()]
    .filter(([, structs]) => structs.length > 0)
    .map(([client, structs]) => ({ client, structs, next: 0 }));
  /** Per client, the clock up to which structs are in a piece (the receiver's state vector). */
  const reached = new Map<number, number>();
  const pieces: Uint8Array[] = [];
  const later = new Set(options.later ?? []);
  if (later.size > 0) {
    const needed = closureOf(
      clients,
      structsUnder(doc, (root) => root !== undefined && !later.has(root)),
    );
    writePhase(clients, reached, (c) => needed.get(c.client) ?? 0, budget, pieces);
  }
  writePhase(clients, reached, () => Number.POSITIVE_INFINITY, budget, pieces);
  // The delete set alone (and any pending structs): every struct it names is in by now.
  pieces.push(Y.encodeStateAsUpdateV2(doc, Y.encodeStateVector(doc)));
  return pieces;
}

/**
 * Writes pieces until every client's structs below its `limit` are in. Each piece
 * takes, client after client and round after round, the next structs whose
 * dependencies are already in (in an earlier piece or earlier in this one: Yjs
 * integrates an update's structs in dependency order), until the budget is spent.
 */
function writePhase(
  clients: readonly ClientStructs[],
  reached: Map<number, number>,
  limit: (c: ClientStructs) => number,
  budget: Budget,
  pieces: Uint8Array[],
): void {
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

/** Per client, the clock up to which structs are needed for `wanted` (their dependencies included, transitively). */
function closureOf(clients: readonly ClientStructs[], wanted: Map<number, number>): Map<number, number> {
  const needed = new Map(wanted);
  const scanned = new Map<number, number>(clients.map((c) => [c.client, 0]));
  let changed = true;
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
