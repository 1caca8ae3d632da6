/**
 * The small part of IndexedDB this app uses, typed structurally.
 *
 * Why not lib.dom or the `idb` wrapper: `shared/` compiles without DOM types
 * (it must also run in Node tests and could run in a worker), and `idb`'s
 * typings are written against lib.dom's `IDBDatabase`, `IDBTransaction`...,
 * so importing it would pull the DOM into `shared/`. The subset below is tiny,
 * matches both `window.indexedDB` and fake-indexeddb, and the factory and
 * `IDBKeyRange` are passed in by the caller instead of read from globals.
 */

import type { StoreMirror } from './mirror';

/** Keys we use: strings, numbers and arrays of them (IndexedDB array keys). */
export type IdbKey = string | number | IdbKey[];

export interface IdbRequest<T> {
  readonly result: T;
  readonly error: { readonly name: string; readonly message: string } | null;
  onsuccess: ((ev: never) => unknown) | null;
  onerror: ((ev: never) => unknown) | null;
}

export interface IdbOpenRequest extends IdbRequest<IdbDatabase> {
  readonly transaction: IdbTransaction | null;
  onupgradeneeded: ((ev: never) => unknown) | null;
  onblocked: ((ev: never) => unknown) | null;
}

/** A key range made by the caller's `IDBKeyRange` (same members as the standard one). */
export interface IdbKeyRange {
  readonly lower: unknown;
  readonly upper: unknown;
  readonly lowerOpen: boolean;
  readonly upperOpen: boolean;
  includes(key: unknown): boolean;
}

export interface IdbKeyRangeFactory {
  bound(lower: IdbKey, upper: IdbKey, lowerOpen?: boolean, upperOpen?: boolean): IdbKeyRange;
  only(value: IdbKey): IdbKeyRange;
}

export interface IdbCursor {
  readonly key: unknown;
  readonly primaryKey: unknown;
  continue(key?: IdbKey): void;
}

export interface IdbCursorWithValue extends IdbCursor {
  readonly value: unknown;
}

export interface IdbObjectStore {
  get(key: IdbKey): IdbRequest<unknown>;
  getAll(query?: IdbKeyRange | IdbKey | null, count?: number): IdbRequest<unknown[]>;
  getAllKeys(query?: IdbKeyRange | IdbKey | null, count?: number): IdbRequest<unknown[]>;
  put(value: unknown, key?: IdbKey): IdbRequest<unknown>;
  delete(key: IdbKey | IdbKeyRange): IdbRequest<undefined>;
  count(query?: IdbKeyRange | IdbKey): IdbRequest<number>;
  openCursor(query?: IdbKeyRange | IdbKey | null): IdbRequest<IdbCursorWithValue | null>;
  openKeyCursor(query?: IdbKeyRange | IdbKey | null): IdbRequest<IdbCursor | null>;
}

export type IdbTransactionMode = 'readonly' | 'readwrite';

export interface IdbTransaction {
  objectStore(name: string): IdbObjectStore;
  abort(): void;
  readonly error: { readonly name: string; readonly message: string } | null;
  oncomplete: ((ev: never) => unknown) | null;
  onerror: ((ev: never) => unknown) | null;
  onabort: ((ev: never) => unknown) | null;
}

/** 'strict' asks the browser to flush a commit to the disk before reporting it complete. */
export interface IdbTransactionOptions {
  readonly durability?: 'default' | 'strict' | 'relaxed';
}

export interface IdbDatabase {
  readonly objectStoreNames: { contains(name: string): boolean };
  createObjectStore(name: string, options?: { keyPath?: string | string[] }): IdbObjectStore;
  transaction(stores: string | string[], mode?: IdbTransactionMode, options?: IdbTransactionOptions): IdbTransaction;
  close(): void;
  /** Another page or tab wants to delete or upgrade the database: close it. */
  onversionchange: ((ev: never) => unknown) | null;
}

export interface IdbFactory {
  open(name: string, version?: number): IdbOpenRequest;
  deleteDatabase(name: string): IdbOpenRequest;
}

/** What the renderer passes (`window.indexedDB`, `IDBKeyRange`) and tests pass (fake-indexeddb). */
export interface IdbEnvironment {
  readonly indexedDB: IdbFactory;
  readonly IDBKeyRange: IdbKeyRangeFactory;
  /** Database name; one vault per name. */
  readonly name?: string;
  /**
   * Where every committed transaction is also written (the second copy outside the browser,
   * ARCHITECTURE.md "The second copy"); none in tests that do not need one.
   */
  readonly mirror?: StoreMirror;
}
