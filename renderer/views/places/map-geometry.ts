/**
 * Where everything goes on the map, computed once per set of places (not per filter change): the
 * frame around the chapter's ZIP codes, the county outlines, an approximate area for each ZIP code
 * (the Voronoi cell of its centroid among all ZIP centroids in the frame, cut to the counties), and
 * the chapter's boundary shapes. Only ZIP centroids and outlines are drawn: never a member's address.
 */
import { Delaunay } from 'd3-delaunay';
import { geoBounds, geoContains, geoMercator, geoPath } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';
import type { BoundaryShape, Position } from '../../../shared/model/boundary';
import type { Centroids, County, Outlines } from './geo';

export interface MapGeometry {
  readonly width: number;
  readonly height: number;
  /** The counties the chapter's ZIP codes lie in (outlined, and the cells are cut to them). */
  readonly counties: readonly { readonly id: string; readonly name: string; readonly d: string }[];
  /** Other counties' and states' lines in the frame, drawn faintly for orientation. */
  readonly context: string;
  /** ZIP → the path of its approximate area. */
  readonly cells: ReadonlyMap<string, string>;
  /** ZIP → its centroid on screen. */
  readonly centers: ReadonlyMap<string, readonly [number, number]>;
  readonly boundaries: readonly {
    readonly key: string;
    readonly boundaryId: string;
    readonly feature: number;
    readonly name: string;
    readonly d: string;
  }[];
}

export interface BoundaryLayer {
  readonly boundaryId: string;
  readonly shapes: readonly BoundaryShape[];
}

const PAD = 0.15;
const boundsCache = new WeakMap<County, [[number, number], [number, number]]>();

export function mapGeometry(
  outlines: Outlines,
  centroids: Centroids,
  chapterZips: Iterable<string>,
  layers: readonly BoundaryLayer[],
  width = 800,
  height = 560,
): MapGeometry | null {
  const points: Position[] = [];
  for (const zip of new Set(chapterZips)) {
    const at = centroids.get(zip);
    if (at) points.push(at);
  }
  const shapes = layers.flatMap((l) => l.shapes.map((s, i) => ({ layer: l, shape: s, index: i })));
  for (const { shape } of shapes) for (const rings of shape.polygons) for (const p of rings[0] ?? []) points.push(p);
  if (!points.length) return null;

  // The frame: the chapter's points, padded, never smaller than about 10 km.
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  const padX = Math.max((x1 - x0) * PAD, 0.06);
  const padY = Math.max((y1 - y0) * PAD, 0.05);
  const frame: Feature<Geometry> = {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'MultiPoint',
      coordinates: [
        [x0 - padX, y0 - padY],
        [x1 + padX, y1 + padY],
      ],
    },
  };
  const projection = geoMercator().fitExtent(
    [
      [4, 4],
      [width - 4, height - 4],
    ],
    frame,
  );
  const path = geoPath(projection);

  const inFrame = (b: [[number, number], [number, number]]) =>
    b[0][0] <= x1 + padX && b[1][0] >= x0 - padX && b[0][1] <= y1 + padY && b[1][1] >= y0 - padY;
  const nearby = outlines.counties.features.filter((c) => inFrame(boundsOf(c)));
  const chapterCounties = nearby.filter((c) => points.some((p) => containsPoint(c, p)));
  const counties = chapterCounties.map((c) => ({ id: String(c.id), name: c.properties.name, d: path(c) ?? '' }));
  const context = [...nearby.filter((c) => !chapterCounties.includes(c)), ...outlines.states.features]
    .filter((f) => inFrame(boundsOf(f as County)))
    .map((f) => path(f) ?? '')
    .join('');

  // Every ZIP centroid in the frame takes part, so a chapter ZIP's cell is about the size of the ZIP.
  const zips: string[] = [];
  const xy: number[] = [];
  for (const [zip, at] of centroids) {
    if (at[0] < x0 - 2 * padX || at[0] > x1 + 2 * padX || at[1] < y0 - 2 * padY || at[1] > y1 + 2 * padY) continue;
    const p = projection(at as [number, number]);
    if (!p) continue;
    zips.push(zip);
    xy.push(p[0], p[1]);
  }
  const cells = new Map<string, string>();
  const centers = new Map<string, readonly [number, number]>();
  if (zips.length) {
    const voronoi = new Delaunay(Float64Array.from(xy)).voronoi([0, 0, width, height]);
    zips.forEach((zip, i) => {
      const x = xy[2 * i]!;
      const y = xy[2 * i + 1]!;
      if (x < 0 || y < 0 || x > width || y > height) return;
      cells.set(zip, voronoi.renderCell(i));
      centers.set(zip, [x, y]);
    });
  }

  const boundaries = shapes.map(({ layer, shape, index }) => ({
    key: `${layer.boundaryId}/${index}`,
    boundaryId: layer.boundaryId,
    feature: index,
    name: shape.name,
    d:
      path({
        type: 'Feature',
        properties: {},
        geometry: { type: 'MultiPolygon', coordinates: shape.polygons as unknown as number[][][][] },
      }) ?? '',
  }));
  return { width, height, counties, context, cells, centers, boundaries };
}

function boundsOf(c: County): [[number, number], [number, number]] {
  let b = boundsCache.get(c);
  if (!b) boundsCache.set(c, (b = geoBounds(c)));
  return b;
}

function containsPoint(c: County, p: Position): boolean {
  const [[bx0, by0], [bx1, by1]] = boundsOf(c);
  return p[0] >= bx0 && p[0] <= bx1 && p[1] >= by0 && p[1] <= by1 && geoContains(c, p as [number, number]);
}
