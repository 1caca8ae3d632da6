/**
 * Terms recorded to start later (a hand-over agreed ahead), soonest first: a short list apart from
 * who holds what now, so a seat's current holder and the next one are never read as both holding it.
 */
import { useTranslation } from 'react-i18next';
import { displayName } from '../../../shared/model/member';
import type { TermView } from '../../../shared/model/role';
import { useSpace } from '../../app/SpaceContext';
import { useChangesOf } from '../../app/useRecords';
import { useDayFormat } from '../../components/dates';
import { MemberLink } from '../../components/MemberLink';
import { useSeatName } from './useRoles';

export function UpcomingTerms({ terms, labelledBy }: { terms: readonly TermView[]; labelledBy: string }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  useChangesOf('members'); // names of members, read as it renders
  const day = useDayFormat();
  const seatName = useSeatName();
  return (
    <ul className="plain" data-testid="upcoming-roles" aria-labelledby={labelledBy}>
      {terms.map(({ role: r }) => {
        const holder = data.members.get(r.holderId);
        return (
          <li key={r.id} data-role-id={r.id}>
            {t('leadership.startsSoon', { role: seatName(r), date: day(r.termStart) })}{' '}
            <MemberLink memberId={holder ? r.holderId : undefined}>
              {holder ? displayName(holder) : t('leadership.formerMember')}
            </MemberLink>
          </li>
        );
      })}
    </ul>
  );
}
