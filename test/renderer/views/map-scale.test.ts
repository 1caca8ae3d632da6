/**
 * The map's colour scale and its legend: five steps up to the largest count; the legend lists
 * only steps some count can fall in, and its last step ends at the largest count.
 */
import { SMALL, SMALL_COUNT, scaleFor, STEPS, ZERO } from '../../../renderer/views/places/scale';

test('by ZIP with at most 3 counted: one step in the legend, 3 alone; fewer than 3 and zero have their own colours', () => {
  const scale = scaleFor([1, 2, 3, 0], SMALL_COUNT);
  expect(scale.legend).toEqual([{ colour: STEPS[0], from: 3, to: 3 }]);
  expect([0, 2, 3].map((n) => scale.colour(n))).toEqual([ZERO, SMALL, STEPS[0]]);
});

test('regions of similar size still differ in colour; the last step ends at the largest count', () => {
  const scale = scaleFor([40, 41, 44], 1, true);
  expect(scale.legend.map((s) => [s.from, s.to])).toEqual([
    [40, 40],
    [41, 41],
    [42, 42],
    [43, 43],
    [44, 44],
  ]);
  expect(scale.colour(44)).toBe(STEPS[4]);
  const wide = scaleFor([1, 12], 1);
  expect(wide.legend.map((s) => [s.from, s.to])).toEqual([
    [1, 3],
    [4, 6],
    [7, 9],
    [10, 12],
  ]);
  expect(wide.colour(12)).toBe(STEPS[3]);
});

test('nothing counted: the legend still shows where the first step starts', () => {
  expect(scaleFor([], SMALL_COUNT).legend).toEqual([{ colour: STEPS[0], from: 3, to: 3 }]);
});
