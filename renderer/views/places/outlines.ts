/** County and state outlines from us-atlas, as GeoJSON (this module and its data load in their own chunk). */
import type { FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature } from 'topojson-client';
import atlas from 'us-atlas/counties-10m.json';
import type { Outlines } from './geo';

export function outlines(): Outlines {
  const topology = atlas as unknown as Topology<{
    counties: GeometryCollection<{ name: string }>;
    states: GeometryCollection<{ name: string }>;
  }>;
  return {
    counties: feature(topology, topology.objects.counties) as FeatureCollection<Geometry, { name: string }>,
    states: feature(topology, topology.objects.states) as FeatureCollection<Geometry, { name: string }>,
  };
}
