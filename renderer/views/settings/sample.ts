/**
 * The sample chapter (made-up members, notes, regions, groups and skills), for trying the app: made
 * from Settings and from the first run's "start from the sample chapter". The generator, its name
 * lists and its worker load on demand, so they stay out of the main bundle. The chapter is written off
 * the page and applied a step at a time (renderer/sample/create-sample.ts); the screen shows how far it
 * is (throttled, for screen readers), and stops it when it closes: the members made so far stay.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { SpaceData } from '../../../shared/model/space-data';
import type { SampleProgress } from '../../../shared/sample/generate';
import type { SampleRunResult } from '../../sample/create-sample';
import type { SampleSize } from '../../sample/sample-protocol';
import { useBusyAction } from '../../components/useBusyAction';
import { useThrottled } from '../../components/useThrottled';

/** Notes per member: a few (one per five members), or the benchmark's five per member (50,000 for 10,000). */
export const SAMPLE_NOTES = [0.2, 5] as const;

/** The chapter Settings makes: test/e2e/sample.ts makes the same one in Node. */
export function sampleSize(members: number, notesPerMember: number = SAMPLE_NOTES[0]): SampleSize {
  return { members, memberSkills: Math.round(members / 5), notes: Math.round(members * notesPerMember), seed: 1 };
}

export function useSampleChapter() {
  const { busy, error, run } = useBusyAction();
  // A live region: at most two updates a second, or a screen reader would queue every step.
  const [progress, setProgress] = useThrottled<SampleProgress | null>(null, 500);
  const closing = useRef<AbortController | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    closing.current = controller;
    return () => controller.abort();
  }, []);

  const create = useCallback(
    (data: SpaceData, members: number, notesPerMember?: number): Promise<SampleRunResult | undefined> =>
      run(async () => {
        const { createSample } = await import('../../sample/create-sample');
        try {
          return await createSample(data, sampleSize(members, notesPerMember), {
            onProgress: (p) => setProgress(p),
            ...(closing.current ? { signal: closing.current.signal } : {}),
          });
        } finally {
          setProgress(null, true);
        }
      }),
    [run, setProgress],
  );
  return { busy, error, progress, create };
}
