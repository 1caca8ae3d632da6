/** Every fuzz target, in the order `npm run fuzz` and `npm test` run them. */
import type { FuzzTarget } from '../harness';
import type { World } from '../world';
import { accessRecordsTarget } from './access-records';
import { bundleTarget } from './bundle';
import { contentPayloadTarget } from './content-payload';
import { csvTarget } from './csv';
import { entryTarget } from './entry';
import { frameTarget } from './frame';
import { inviteTarget } from './invite';
import { messagesTarget } from './messages';
import { storedRecordsTarget } from './stored-records';
import { vaultEntriesTarget } from './vault-entries';

export interface TargetFactory {
  readonly name: string;
  /** Cases in `npm test`: 10,000, or 2,000 for the targets that write to a vault on every case. */
  readonly testRuns: number;
  /** Builds the target on a fresh world (stateful targets change their world). */
  create(world: World): Promise<FuzzTarget<never>>;
}

const factory = <T>(
  name: string,
  create: (world: World) => FuzzTarget<T> | Promise<FuzzTarget<T>>,
  testRuns = 10_000,
): TargetFactory => ({
  name,
  testRuns,
  create: async (world) => (await create(world)) as unknown as FuzzTarget<never>,
});

export const TARGETS: readonly TargetFactory[] = [
  factory('entry', entryTarget),
  factory('frame', () => frameTarget()),
  factory('messages', messagesTarget),
  factory('bundle', bundleTarget, 2_000),
  factory('invite', inviteTarget, 2_000),
  factory('stored-records', storedRecordsTarget, 2_000),
  factory('access-records', accessRecordsTarget),
  factory('content-payload', () => contentPayloadTarget()),
  factory('csv', () => csvTarget()),
  factory('vault-entries', vaultEntriesTarget, 2_000),
];
