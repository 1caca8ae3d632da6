/** Each seat's history: who held it and when, newest first. */
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../../shared/model/member';
import type { TermView } from '../../../shared/model/role';
import { useSpace } from '../../app/SpaceContext';
import { useChangesOf } from '../../app/useRecords';
import { useDayFormat } from '../../components/dates';
import { MemberLink } from '../../components/MemberLink';
import { useSeatName } from './useRoles';

export function SeatHistory({ terms }: { terms: readonly TermView[] }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  useChangesOf('members'); // names of members, read as it renders
  const id = useId();
  const day = useDayFormat();
  const seatName = useSeatName();
  const seats = useMemo(() => {
    const bySeat = new Map<string, TermView[]>();
    for (const v of terms) bySeat.set(v.seat, [...(bySeat.get(v.seat) ?? []), v]);
    return [...bySeat.values()]
      .map((list) => ({ name: seatName(list[0]!.role), list }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [terms, seatName]);

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('leadership.history')}</h2>
      {seats.length === 0 && <p className="hint">{t('leadership.noneCurrent')}</p>}
      {seats.map(({ name, list }) => (
        <details key={list[0]!.seat} className="seat">
          <summary>
            {name} <span className="hint">{t('leadership.terms', { count: list.length })}</span>
          </summary>
          <ol className="plain">
            {list.map((v) => {
              const m = data.members.get(v.role.holderId);
              return (
                <li key={v.role.id}>
                  {day(v.role.termStart)} – {v.role.termEnd ? day(v.role.termEnd) : t('roles.ongoing')}:{' '}
                  <MemberLink memberId={m ? m.id : undefined}>
                    {m ? displayName(m) : t('leadership.formerMember')}
                  </MemberLink>
                </li>
              );
            })}
          </ol>
        </details>
      ))}
    </section>
  );
}
