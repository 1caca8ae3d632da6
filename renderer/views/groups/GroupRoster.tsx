/** The group's roster: who is in it, how to reach them (with their consent), whether they are active; add or remove someone. */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { groupRoster, joinGroup, leaveGroup } from '../../../shared/model/groups';
import { displayName } from '../../../shared/model/member';
import { ErrorText } from '../../app/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useLabels } from '../../app/useLabels';
import { useMembers } from '../../app/useRoster';
import { MemberLink } from '../../components/MemberLink';
import { MemberPicker } from '../../components/MemberPicker';
import { useAttendanceCounts } from '../meetings/useEvents';

export function GroupRoster({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const label = useLabels();
  const id = useId();
  const members = useMembers();
  const { rule, counts } = useAttendanceCounts();
  const [error, setError] = useState<unknown>(null);
  const roster = useMemo(() => groupRoster(members, groupId), [members, groupId]);
  const inGroup = useMemo(() => new Set(roster.map((m) => m.id)), [roster]);
  const act = (fn: () => void) => {
    setError(null);
    try {
      fn();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('groups.roster', { count: roster.length })}</h2>
      <MemberPicker
        label={t('groups.addMember')}
        exclude={inGroup}
        onPick={(m) => act(() => joinGroup(data, m.id, groupId))}
      />
      <ErrorText error={error} />
      {roster.length === 0 ? (
        <p className="hint">{t('groups.noMembers')}</p>
      ) : (
        <table className="table" data-testid="group-roster">
          <thead>
            <tr>
              <th scope="col">{t('roster.column.name')}</th>
              <th scope="col">{t('roster.column.contact')}</th>
              <th scope="col">{t('roster.column.ladder')}</th>
              <th scope="col">{t('roster.column.attended')}</th>
              <th scope="col">{t('roster.column.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {roster.map((m) => {
              const n = counts.get(m.id) ?? 0;
              return (
                <tr key={m.id}>
                  <th scope="row">
                    <MemberLink memberId={m.id}>{displayName(m)}</MemberLink>
                  </th>
                  <td>
                    {m.phones[0] ?? m.emails[0] ?? ''}
                    {m.doNotCall && <span className="badge">{t('consent.doNotCallShort')}</span>}
                    {m.textOptOut && <span className="badge">{t('consent.noTextsShort')}</span>}
                  </td>
                  <td>{label('ladderStage', m.ladderStage)}</td>
                  <td>
                    {t('roster.attendedOf', { count: n, last: rule.last })}
                    {n >= rule.min && <span className="active-badge">{t('roster.activeBadge')}</span>}
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={t('groups.removeMember', { name: displayName(m) })}
                      onClick={() => act(() => leaveGroup(data, m.id, groupId))}
                    >
                      {t('common.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
