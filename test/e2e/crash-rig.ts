/**
 * The crash rig (test/crash/rig.ts) of an e2e file, started and disposed by Jest's hooks:
 *
 *   const rig = useCrashRig('each test'); // a fresh profile and browser host for every test
 *   const rig = useCrashRig('whole file'); // one for all the tests of the file, in order
 *
 * Call it at the top of the file. The rig only exists once its hook has run, so what is returned
 * stands in for it: every property read goes to the rig of the moment.
 */
import { CrashRig } from '../crash/rig';

/** Starting the host and building the renderer (once per run) takes a while on a loaded machine. */
const START_TIMEOUT = 120_000;

export function useCrashRig(scope: 'each test' | 'whole file'): CrashRig {
  let current: CrashRig | undefined;
  const [before, after] = scope === 'each test' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    current = await CrashRig.start();
  }, START_TIMEOUT);
  after(async () => {
    await current?.dispose();
    current = undefined;
  });
  return new Proxy({} as CrashRig, {
    get(_target, key) {
      if (!current) throw new Error('the crash rig is used outside a test (it starts in a Jest hook)');
      const value: unknown = Reflect.get(current, key, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}
