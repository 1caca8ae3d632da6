/** The packaged geography (geo.ts), loaded on first use; what the map shows while it loads or if it cannot. */
import { useEffect, useState } from 'react';
import { loadCentroids, loaded, loadLayout, loadOutlines, type Centroids, type Outlines } from './geo';
import type { mapGeometry } from './map-geometry';

export type GeoState =
  | { readonly status: 'loading' }
  | {
      readonly status: 'ready';
      readonly centroids: Centroids;
      readonly outlines: Outlines;
      readonly mapGeometry: typeof mapGeometry;
    }
  | { readonly status: 'failed'; readonly error: unknown };

export function useGeo(): GeoState {
  const [state, setState] = useState<GeoState>(() => {
    const { centroids, outlines, layout } = loaded();
    return centroids && outlines && layout
      ? { status: 'ready', centroids, outlines, mapGeometry: layout.mapGeometry }
      : { status: 'loading' };
  });
  // Loads are cached (geo.ts): a geography already there is not loaded again, and a state already ready is kept.
  useEffect(() => {
    let live = true;
    Promise.all([loadCentroids(), loadOutlines(), loadLayout()]).then(
      ([centroids, outlines, layout]) =>
        live &&
        setState((s) =>
          s.status === 'ready' ? s : { status: 'ready', centroids, outlines, mapGeometry: layout.mapGeometry },
        ),
      (error: unknown) => live && setState({ status: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/** Only the ZIP centroids (for "who nearby can help", which needs no outlines). */
export function useCentroids(): Centroids | null {
  const [centroids, setCentroids] = useState<Centroids | null>(() => loaded().centroids ?? null);
  useEffect(() => {
    let live = true;
    loadCentroids().then(
      (c) => live && setCentroids((had) => had ?? c),
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);
  return centroids;
}
