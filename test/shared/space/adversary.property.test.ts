/**
 * Property (attacks 1–4 generalised, SECURITY.md "The access log against its own members"):
 * random honest operations on 3–5 peers with partitions, plus one hostile member signing access
 * and content records with arbitrary parents, roles, epochs and sizes, delivered in any order to
 * anyone. The invariants are checked on every honest peer (test/shared/space/adversary.ts).
 * `npm run soak` runs the same model a thousand times and more.
 */
import fc from 'fast-check';
import * as c from '../../../shared/crypto';
import { run, scenarioArbitrary } from './adversary';

beforeAll(() => c.initCrypto());

test('a hostile member cannot break the access rules of honest peers, in any order', () => {
  fc.assert(fc.property(scenarioArbitrary, run), { numRuns: 25 });
}, 120_000);
