/** Terms in a table: seat, holder, term, terms in a row against the limit, status in words, and the next step. */
import { useTranslation } from 'react-i18next';
import { displayName } from '../../../shared/model/member';
import type { TermView } from '../../../shared/model/role';
import { useSpace } from '../../app/SpaceContext';
import { useChangesOf } from '../../app/useRecords';
import { useDayFormat } from '../../components/dates';
import { MemberLink } from '../../components/MemberLink';
import { useSeatName, useTermLimits } from './useRoles';

interface Props {
  readonly terms: readonly TermView[];
  readonly caption: string;
  readonly testId: string;
  readonly onHandOver: (term: TermView) => void;
  readonly onRenew: (term: TermView) => void;
}

export function TermTable({ terms, caption, testId, onHandOver, onRenew }: Props) {
  const { t } = useTranslation();
  const { data } = useSpace();
  useChangesOf('members'); // names of members, read as it renders
  const day = useDayFormat();
  const seatName = useSeatName();
  const limits = useTermLimits();
  return (
    <table className="table terms" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('leadership.column.role')}</th>
          <th scope="col">{t('leadership.column.holder')}</th>
          <th scope="col">{t('leadership.column.term')}</th>
          <th scope="col">{t('leadership.column.inARow')}</th>
          <th scope="col">{t('leadership.column.status')}</th>
          <th scope="col">{t('leadership.column.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {terms.map((v) => {
          const r = v.role;
          const holder = data.members.get(r.holderId);
          const name = holder ? displayName(holder) : t('leadership.formerMember');
          const max = limits[r.role]?.maxTerms;
          return (
            <tr key={r.id} data-role-id={r.id} data-status={v.status}>
              <th scope="row">{seatName(r)}</th>
              <td>
                <MemberLink memberId={holder ? r.holderId : undefined}>{name}</MemberLink>
              </td>
              <td>
                {day(r.termStart)} – {r.termEnd ? day(r.termEnd) : t('roles.ongoing')}
              </td>
              <td>
                {max === undefined
                  ? t('leadership.inARow', { count: v.consecutive })
                  : t('leadership.inARowOf', { count: v.consecutive, max })}
              </td>
              <td className={`status status-${v.overLimit ? 'over' : v.status}`}>
                {t(`leadership.status.${v.status}`, { date: day(v.status === 'upcoming' ? r.termStart : r.termEnd) })}
                {v.overLimit && <> · {t('leadership.overLimit', { count: max })}</>}
                {!v.overLimit && v.lastAllowed && <> · {t('leadership.lastAllowed')}</>}
              </td>
              <td className="row-actions">
                <button
                  type="button"
                  aria-label={t('leadership.handOverFor', { role: seatName(r), name })}
                  onClick={() => onHandOver(v)}
                >
                  {t('leadership.handOver')}
                </button>
                {holder && !v.lastAllowed && !v.overLimit && (
                  <button
                    type="button"
                    aria-label={t('leadership.renewFor', { role: seatName(r), name })}
                    onClick={() => onRenew(v)}
                  >
                    {t('leadership.renew')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
