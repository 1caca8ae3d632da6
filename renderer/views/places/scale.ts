/**
 * The map's colours: five steps of one hue (ColorBrewer "Blues", readable by colour-blind users
 * and in greyscale), from the smallest to the largest count shown; zero is a pale grey. A ZIP code
 * with fewer than SMALL_COUNT members counted is drawn as "fewer than 3" (its own grey) and its
 * number is not shown, by ZIP only: a region is large enough that its count says nothing about
 * one person (SECURITY.md, "The membership map").
 */
export const STEPS = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;
export const ZERO = '#f2f2f2';
export const SMALL = '#bdbdbd';
export const SMALL_COUNT = 3;

export interface Scale {
  /** The smallest count the first step holds. */
  readonly from: number;
  /** Upper bound (inclusive) of each step, as many as STEPS (the last is the largest count). */
  readonly bounds: readonly number[];
  /** The legend: each step that can hold a count shown, with the counts it holds (up to the largest). */
  readonly legend: readonly { readonly colour: string; readonly from: number; readonly to: number }[];
  colour(count: number): string;
}

/**
 * Five equal steps from `floor` (or, with `fromSmallest`, from the smallest count shown: regions
 * of similar size then still differ in colour) to the largest count.
 */
export function scaleFor(counts: Iterable<number>, floor = 1, fromSmallest = false): Scale {
  let max = 0;
  let min = Infinity;
  for (const c of counts) {
    if (c > max) max = c;
    if (c >= floor && c < min) min = c;
  }
  const from = fromSmallest && Number.isFinite(min) ? min : floor;
  const step = Math.max(1, Math.ceil((max - from + 1) / STEPS.length));
  const bounds = STEPS.map((_, i) => from - 1 + step * (i + 1));
  // Steps past the largest count hold nothing: a legend listing them would promise counts no area has.
  const top = Math.max(max, from);
  const legend = STEPS.flatMap((colour, i) => {
    const low = i === 0 ? from : bounds[i - 1]! + 1;
    return low > top ? [] : [{ colour, from: low, to: Math.min(bounds[i]!, top) }];
  });
  return {
    from,
    bounds,
    legend,
    colour(count) {
      if (count <= 0) return ZERO;
      if (count < floor) return SMALL;
      if (count < from) return STEPS[0];
      const i = bounds.findIndex((b) => count <= b);
      return STEPS[i < 0 ? STEPS.length - 1 : i]!;
    },
  };
}
