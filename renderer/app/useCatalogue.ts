/**
 * The chapter's catalogue (shared/model/catalogue.ts) for views: its entries of one kind, and
 * labels that prefer the chapter's own name for an entry over the app's translation of a code.
 */
import { useCallback } from 'react';
import { catalogueEntries, type CatalogueEntry } from '../../shared/model/catalogue';
import type { CatalogueKind } from '../../shared/model/codes';
import { useRecords } from './useRecords';
import { useLabels, type CodeKind } from './useLabels';

export function useCatalogue(kind: CatalogueKind): readonly CatalogueEntry[] {
  return useRecords((data) => catalogueEntries(data.catalogue.all(), kind), [kind], 'catalogue');
}

/** Like useLabels, but a need, resource, language or tag the chapter named is shown by its name. */
export function useCodeLabel(): (kind: CodeKind, code: string | undefined) => string {
  const label = useLabels();
  const names = useRecords(
    (data) => {
      const map = new Map<string, string>();
      for (const r of data.catalogue.all()) if (r.label) map.set(`${r.kind}:${r.code}`, r.label);
      return map;
    },
    [],
    'catalogue',
  );
  return useCallback(
    (kind, code) => (code === undefined ? '' : (names.get(`${kind}:${code}`) ?? label(kind, code))),
    [names, label],
  );
}
