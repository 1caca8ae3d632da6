/** Branches: the names regions are grouped under. Rename one (onto another name to merge them) or delete it. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../shared/model/member';
import { renameBranch } from '../../../shared/model/places';
import type { Region } from '../../../shared/model/region';
import { StatusLine, useStatusLine } from '../../components/StatusLine';
import { useSpace } from '../../app/SpaceContext';
import { Input } from '../../components/fields';

interface Props {
  readonly branches: readonly string[];
  readonly regions: readonly Region[];
  readonly members: readonly Member[];
}

export function Branches({ branches, regions, members }: Props) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const [names, setNames] = useState<Record<string, string>>({});
  const status = useStatusLine();

  const apply = (from: string, to: string) => {
    try {
      renameBranch(data, from, to);
      setNames((n) => ({ ...n, [from]: '' }));
      if (!to.trim()) status.say('places.branches.deleted', { name: from });
      else if (branches.includes(to.trim())) status.say('places.branches.merged', { from, to: to.trim() });
      else status.say('places.branches.renamed', { from, to: to.trim() });
    } catch (e) {
      status.fail(e);
    }
  };

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('places.branches.title')}</h2>
      <p className="hint">{t('places.branches.intro')}</p>
      <StatusLine said={status.said} className="hint" />
      {branches.length === 0 ? (
        <p className="empty">{t('places.branches.none')}</p>
      ) : (
        <ul className="branch-list">
          {branches.map((b, i) => {
            const inRegions = regions.filter((r) => r.branch === b).length;
            const inMembers = members.filter((m) => m.branch === b).length;
            const value = names[b] ?? '';
            return (
              <li key={b}>
                <span className="branch-name">{b}</span>{' '}
                <span className="hint">{t('places.branches.counts', { regions: inRegions, count: inMembers })}</span>
                <label htmlFor={`${id}-${i}`} className="visually-hidden">
                  {t('places.branches.newName', { name: b })}
                </label>
                <Input
                  id={`${id}-${i}`}
                  value={value}
                  placeholder={t('places.branches.newNamePlaceholder')}
                  onChange={(e) => setNames((n) => ({ ...n, [b]: e.target.value }))}
                  list={`${id}-all`}
                  maxLength={100}
                />
                <button type="button" disabled={!value.trim() || value.trim() === b} onClick={() => apply(b, value)}>
                  {t('places.branches.rename')}
                  <span className="visually-hidden"> {b}</span>
                </button>
                <button type="button" onClick={() => apply(b, '')}>
                  {t('common.delete')}
                  <span className="visually-hidden"> {b}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <datalist id={`${id}-all`}>
        {branches.map((b) => (
          <option key={b} value={b} />
        ))}
      </datalist>
    </section>
  );
}
