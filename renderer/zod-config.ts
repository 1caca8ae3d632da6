/**
 * Must be the first import of the renderer: zod 4 otherwise probes
 * `new Function` (to compile fast parsers) when schemas are created, which the
 * CSP (no 'unsafe-eval') reports as a violation. Jitless parsing is plenty fast.
 */
import { z } from 'zod';

z.config({ jitless: true });
