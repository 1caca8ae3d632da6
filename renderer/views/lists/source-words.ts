/** A list's source (shared/model/list.ts) in the reader's language. */
import type { TFunction } from 'i18next';
import type { ListSource } from '../../../shared/model/list';

export function sourceWords(t: TFunction, source: ListSource): string {
  switch (source.kind) {
    case 'view':
      return t('lists.source.view', { name: source.name });
    case 'selection':
      return t('lists.source.selection', { count: source.count });
    case 'roster':
      return t('lists.source.roster');
  }
}
