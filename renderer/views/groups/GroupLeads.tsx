/** A group's leads now (roles held for the group) and a way to add one; rotation lives on the Leadership page. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { groupLeads } from '../../../shared/model/groups';
import { displayName } from '../../../shared/model/member';
import { useSpace } from '../../app/SpaceContext';
import { useChangesOf, useRecords } from '../../app/useRecords';
import { today } from '../../app/today';
import { useLabels } from '../../app/useLabels';
import { useDayFormat } from '../../components/dates';
import { MemberLink } from '../../components/MemberLink';
import { RoleForm } from '../leadership/RoleForm';

export function GroupLeads({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const { data, navigate } = useSpace();
  useChangesOf('members'); // names of members, read as it renders
  const label = useLabels();
  const day = useDayFormat();
  const id = useId();
  const [adding, setAdding] = useState(false);
  const leads = useRecords((data) => groupLeads(data.roles.all(), groupId, today()), [groupId], 'roles');
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('groups.leads')}</h2>
      {leads.length === 0 ? (
        <p className="hint">{t('groups.noLeads')}</p>
      ) : (
        <ul className="plain">
          {leads.map((v) => {
            const m = data.members.get(v.role.holderId);
            return (
              <li key={v.role.id}>
                <MemberLink memberId={m?.id}>{m ? displayName(m) : t('leadership.formerMember')}</MemberLink>
                {' — '}
                {v.role.title || label('roleKind', v.role.role)}
                {', '}
                {day(v.role.termStart)} – {v.role.termEnd ? day(v.role.termEnd) : t('roles.ongoing')}
                {(v.status === 'due' || v.status === 'overdue') && (
                  <span className={`status status-${v.status}`}>
                    {' · '}
                    {t(`leadership.status.${v.status}`, { date: day(v.role.termEnd) })}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className="actions">
        <button type="button" aria-expanded={adding} onClick={() => setAdding((a) => !a)}>
          {t('groups.addLead')}
        </button>
        <button type="button" className="link" onClick={() => navigate({ view: 'leadership' })}>
          {t('groups.toLeadership')}
        </button>
      </div>
      {adding && <RoleForm groupId={groupId} />}
    </section>
  );
}
