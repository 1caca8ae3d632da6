/**
 * Must be the first import of the renderer: zod 4 otherwise probes
 * `new Function` (to compile fast parsers) when schemas are created, which the
 * CSP (no 'unsafe-eval') reports as a violation. Jitless parsing is plenty fast:
 * records read from a space mostly skip zod's parser (shared/model/fast-parse.ts),
 * which does not depend on this setting.
 */
import { z } from 'zod';

z.config({ jitless: true });
