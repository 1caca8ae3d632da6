/**
 * One roster row. Memoized: a keystroke re-renders the table, but a row whose
 * member, position and labels are unchanged is skipped. Its fixed strings come
 * from the table (see rowText: i18next lookups, ~8 per row, were a quarter
 * of a keystroke's render time).
 */
import { memo } from 'react';
import { displayName, type Member } from '../../../shared/model/member';
import type { TFunction } from 'i18next';
import type { CodeKind } from '../../app/useLabels';
import { rowStyle } from '../../components/VirtualTable';
import { Input } from '../../components/fields';

export const ROW_HEIGHT = 44;

/**
 * The table's translated strings, made once per language. Names and codes
 * repeat from one keystroke to the next, so their strings are kept too.
 */
export interface RowText {
  readonly edit: string;
  readonly delete: string;
  readonly doNotCall: string;
  readonly noTexts: string;
  readonly active: string;
  editMember(name: string): string;
  deleteMember(name: string): string;
  selectMember(name: string): string;
  code(kind: CodeKind, code: string | undefined): string;
  /** A stored day (YYYY-MM-DD) in the organizer's language ("Mar 5, 2024", "5 mar 2024"). */
  day(day: string | undefined): string;
}

export function rowText(
  t: TFunction,
  label: (kind: CodeKind, code: string | undefined) => string,
  formatDay: (day: string | undefined) => string,
): RowText {
  const kept = <A extends string>(make: (a: A) => string) => {
    const seen = new Map<A, string>();
    return (a: A) => {
      let s = seen.get(a);
      if (s === undefined) seen.set(a, (s = make(a)));
      return s;
    };
  };
  const codes = kept((key: string) => {
    const [kind, code] = key.split('\u0000') as [CodeKind, string];
    return label(kind, code);
  });
  const days = kept((day: string) => formatDay(day));
  return {
    edit: t('common.edit'),
    delete: t('common.delete'),
    doNotCall: t('consent.doNotCallShort'),
    noTexts: t('consent.noTextsShort'),
    active: t('roster.activeBadge'),
    editMember: kept((name) => t('roster.editMember', { name })),
    deleteMember: kept((name) => t('roster.deleteMember', { name })),
    selectMember: kept((name) => t('roster.selectMember', { name })),
    code: (kind, code) => (code === undefined ? '' : codes(`${kind}\u0000${code}`)),
    day: (day) => (day === undefined ? '' : days(day)),
  };
}

interface Props {
  readonly member: Member;
  readonly index: number;
  readonly start: number;
  readonly regionName: string;
  /** Events attended among the chapter's last M of kind K, and whether that makes them active. */
  readonly attended: number;
  readonly active: boolean;
  readonly text: RowText;
  readonly onOpen: (member: Member) => void;
  readonly onDelete: (member: Member) => void;
  /** Set while the space is still opening: the id of the text that says why these buttons wait. */
  readonly waiting?: string;
  readonly selected: boolean;
  readonly onSelect: (member: Member, selected: boolean) => void;
}

export const RosterRow = memo(function RosterRow({
  member: m,
  index,
  start,
  regionName,
  attended,
  active,
  text,
  onOpen,
  onDelete,
  waiting,
  selected,
  onSelect,
}: Props) {
  const wait = { disabled: waiting !== undefined, 'aria-describedby': waiting };
  const name = displayName(m);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className="roster-row"
      data-member-id={m.id}
      style={rowStyle(start, ROW_HEIGHT)}
    >
      <div role="cell" className="select">
        <Input
          type="checkbox"
          checked={selected}
          onChange={(e) => onSelect(m, e.target.checked)}
          aria-label={text.selectMember(name)}
        />
      </div>
      <div role="cell">
        <button type="button" className="link name" onClick={() => onOpen(m)} {...wait}>
          {name}
        </button>
      </div>
      <div role="cell" className="contact">
        <span>{m.phones[0] ?? m.emails[0] ?? ''}</span>
        {m.doNotCall && <span className="badge">{text.doNotCall}</span>}
        {m.textOptOut && <span className="badge">{text.noTexts}</span>}
      </div>
      <div role="cell">{regionName}</div>
      <div role="cell">{text.code('membershipStatus', m.membershipStatus)}</div>
      <div role="cell">{text.code('ladderStage', m.ladderStage)}</div>
      <div role="cell">{m.assessment ?? ''}</div>
      <div role="cell" className="joined">
        {text.day(m.joinDate)}
      </div>
      <div role="cell" className="attended">
        {attended}
        {active && <> </>}
        {active && <span className="active-badge">{text.active}</span>}
      </div>
      <div role="cell" className="row-actions">
        <button type="button" onClick={() => onOpen(m)} aria-label={text.editMember(name)} {...wait}>
          {text.edit}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => onDelete(m)}
          aria-label={text.deleteMember(name)}
          {...wait}
        >
          {text.delete}
        </button>
      </div>
    </div>
  );
});
