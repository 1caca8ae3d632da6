/** The group's roster: who is in it, how to reach them (with their consent), whether they are active; add or remove someone. */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { groupRoster, joinGroup, leaveGroup } from '../../../shared/model/groups';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useLabels } from '../../app/useLabels';
import { useMembers } from '../../app/useRoster';
import { MemberTable } from '../../components/MemberTable';
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
  const rows = useMemo(
    () => roster.map((member) => ({ member, attended: counts.get(member.id) ?? 0 })),
    [roster, counts],
  );
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
        <MemberTable
          testId="group-roster"
          rows={rows}
          columns={[
            { header: t('roster.column.ladder'), cell: ({ member }) => label('ladderStage', member.ladderStage) },
            {
              header: t('roster.column.attended'),
              cell: ({ attended }) => (
                <>
                  {t('roster.attendedOf', { count: attended, last: rule.last })}
                  {attended >= rule.min && <span className="active-badge">{t('roster.activeBadge')}</span>}
                </>
              ),
            },
          ]}
          removeLabel={(name) => t('groups.removeMember', { name })}
          onRemove={({ member }) => act(() => leaveGroup(data, member.id, groupId))}
        />
      )}
    </section>
  );
}
