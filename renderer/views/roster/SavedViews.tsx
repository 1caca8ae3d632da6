/**
 * Saved roster views (search + filters + sort under a name). They live in the
 * space's document, so they are encrypted like everything else and shared
 * with the space's other organizers. Kept in their own top-level map, which
 * the data model leaves alone.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberFilters } from '../../../shared/model/filter';
import { randomId } from '../../../shared/crypto';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import type { RosterSort } from './rows';
import { Input, Select } from '../../components/fields';

export interface RosterView {
  readonly query: string;
  readonly filters: MemberFilters;
  readonly sort: RosterSort;
}
interface SavedView extends RosterView {
  readonly id: string;
  readonly name: string;
}

const MAP = 'savedRosterViews' as const;

export function SavedViews({
  current,
  onApply,
  waiting,
}: {
  current: RosterView;
  onApply: (view: RosterView, name: string) => void;
  /** Set while the space is still opening: the id of the text that says why saved views wait. */
  waiting?: string;
}) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const [name, setName] = useState('');
  const map = data.doc.getMap<string>(MAP);
  const views = useRecords(
    (data) =>
      [...data.doc.getMap<string>(MAP).entries()]
        .flatMap(([key, json]) => {
          try {
            return [{ ...(JSON.parse(json) as RosterView & { name: string }), id: key } as SavedView];
          } catch {
            // A saved view a peer wrote badly is left out; the others still show.
            return [];
          }
        })
        .sort((a, b) => a.name.localeCompare(b.name)),
    [],
    MAP,
  );

  return (
    <div className="saved-views">
      <label htmlFor={`${id}-pick`}>{t('roster.savedViews')}</label>
      <Select
        id={`${id}-pick`}
        value=""
        disabled={waiting !== undefined}
        aria-describedby={waiting}
        onChange={(e) => {
          const v = views.find((x) => x.id === e.target.value);
          if (v) onApply(v, v.name);
        }}
      >
        <option value="">{views.length ? t('roster.chooseView') : t('roster.noSavedViews')}</option>
        {views.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </Select>
      <label htmlFor={`${id}-name`} className="visually-hidden">
        {t('roster.viewName')}
      </label>
      <Input
        id={`${id}-name`}
        value={name}
        placeholder={t('roster.viewName')}
        onChange={(e) => setName(e.target.value)}
        maxLength={100}
      />
      <button
        type="button"
        disabled={!name.trim() || waiting !== undefined}
        aria-describedby={waiting}
        onClick={() => {
          map.set(randomId(), JSON.stringify({ name: name.trim(), ...current }));
          setName('');
        }}
      >
        {t('roster.saveView')}
      </button>
    </div>
  );
}
