/**
 * A table of members as the group's roster and an event's attendees show them: the name (a link to the
 * profile, the row's header), how to reach them with their consent marks, the view's own columns, and a
 * button to take someone off the list.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type Member } from '../../shared/model/member';
import { MemberLink } from './MemberLink';

export interface MemberColumn<R> {
  readonly header: string;
  readonly cell: (row: R) => ReactNode;
}

interface Props<R> {
  readonly testId: string;
  readonly rows: readonly R[];
  /** Shown between the contact and the remove button. */
  readonly columns: readonly MemberColumn<R>[];
  /** The remove button's name for screen readers, for one member. */
  readonly removeLabel: (name: string) => string;
  readonly onRemove: (row: R) => void;
}

export function MemberTable<R extends { readonly member: Member }>({
  testId,
  rows,
  columns,
  removeLabel,
  onRemove,
}: Props<R>) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('roster.column.name')}</th>
          <th scope="col">{t('roster.column.contact')}</th>
          {columns.map((c) => (
            <th key={c.header} scope="col">
              {c.header}
            </th>
          ))}
          <th scope="col">{t('roster.column.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const m = row.member;
          return (
            <tr key={m.id} data-member-id={m.id}>
              <th scope="row">
                <MemberLink memberId={m.id}>{displayName(m)}</MemberLink>
              </th>
              <td>
                {m.phones[0] ?? m.emails[0] ?? ''}
                {m.doNotCall && <span className="badge">{t('consent.doNotCallShort')}</span>}
                {m.textOptOut && <span className="badge">{t('consent.noTextsShort')}</span>}
              </td>
              {columns.map((c) => (
                <td key={c.header}>{c.cell(row)}</td>
              ))}
              <td>
                <button type="button" aria-label={removeLabel(displayName(m))} onClick={() => onRemove(row)}>
                  {t('common.remove')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
