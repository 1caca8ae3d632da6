/**
 * The chapter's catalogue (shared/model/catalogue.ts) for views: its entries of one kind, and
 * labels that prefer the chapter's own name for an entry over the app's translation of a code.
 *
 * While a space opens, the roster reads its read index (roster-preview.ts), which holds the
 * catalogue too: the roster passes it as `preview`, so its filters name the chapter's own needs,
 * resources, languages and tags before the space's document is loaded, not their codes.
 */
import { useCallback, useMemo } from 'react';
import { catalogueEntries, type CatalogueEntry, type CatalogueRecord } from '../../shared/model/catalogue';
import type { CatalogueKind } from '../../shared/model/codes';
import { useRecords } from './useRecords';
import { useLabels, type CodeKind } from './useLabels';

/** The catalogue's records: the preview's while the space opens, else the live model's. */
function useCatalogueRecords(preview?: readonly CatalogueRecord[]): readonly CatalogueRecord[] {
  const live = useRecords((data) => data.catalogue.all(), [], 'catalogue');
  return preview ?? live;
}

export function useCatalogue(kind: CatalogueKind, preview?: readonly CatalogueRecord[]): readonly CatalogueEntry[] {
  const records = useCatalogueRecords(preview);
  return useMemo(() => catalogueEntries(records, kind), [records, kind]);
}

/** Like useLabels, but a need, resource, language or tag the chapter named is shown by its name. */
export function useCodeLabel(
  preview?: readonly CatalogueRecord[],
): (kind: CodeKind, code: string | undefined) => string {
  const label = useLabels();
  const records = useCatalogueRecords(preview);
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const r of records) if (r.label) map.set(`${r.kind}:${r.code}`, r.label);
    return map;
  }, [records]);
  return useCallback(
    (kind, code) => (code === undefined ? '' : (names.get(`${kind}:${code}`) ?? label(kind, code))),
    [names, label],
  );
}
