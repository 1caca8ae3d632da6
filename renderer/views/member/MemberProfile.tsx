import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName } from '../../../shared/model/member';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { ExtraFields } from './ExtraFields';
import { FieldRetention } from './FieldRetention';
import { MemberAttendance } from './MemberAttendance';
import { MemberHistories } from './MemberHistories';
import { MemberRoles } from './MemberRoles';
import { MemberSkills } from './MemberSkills';
import { NearbyHelp } from './NearbyHelp';
import { ProfileSection } from './ProfileSection';
import { useProfileLists } from './useProfileLists';
import { NoteTimeline } from '../notes/NoteTimeline';
import { NoteForm } from '../notes/NoteForm';

export function MemberProfile({ memberId }: { memberId?: string }) {
  const { t } = useTranslation();
  const { data, navigate } = useSpace();
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const lists = useProfileLists();
  const member = useRecords((d) => (memberId ? d.members.get(memberId) : undefined), [memberId], 'members');

  if (!member) {
    return (
      <section className="view" aria-labelledby={`${id}-h`}>
        <h1 id={`${id}-h`} tabIndex={-1}>
          {t('member.title')}
        </h1>
        <div className="empty">
          <p>{t('member.empty')}</p>
          <button type="button" onClick={() => navigate({ view: 'roster' })}>
            {t('member.goToRoster')}
          </button>
        </div>
      </section>
    );
  }
  const name = displayName(member);

  return (
    <section className="view" aria-labelledby={`${id}-h`}>
      <div className="view-head">
        <h1 id={`${id}-h`} tabIndex={-1}>
          {name}
          {member.pronouns && <span className="pronouns"> ({member.pronouns})</span>}
        </h1>
        <div className="actions">
          <button type="button" onClick={() => navigate({ view: 'history', memberId: member.id })}>
            {t('member.history')}
          </button>
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            {t('member.delete')}
          </button>
        </div>
      </div>
      {/* Read as a person: who, how to reach them, where, their engagement, what they bring and need, roles,
          their national membership, then the notes. Each section is edited on its own (ProfileSection). */}
      <div className="profile" key={member.id}>
        <ProfileSection section="name" member={member} lists={lists} />
        <ProfileSection section="contact" member={member} lists={lists} />
        <ProfileSection section="location" member={member} lists={lists} />
        <ProfileSection section="engagement" member={member} lists={lists} />
        <MemberHistories member={member} />
        <MemberAttendance memberId={member.id} />
        <MemberSkills memberId={member.id} />
        <ProfileSection section="offers" member={member} lists={lists} />
        <NearbyHelp member={member} />
        <MemberRoles memberId={member.id} />
        <ProfileSection section="groups" member={member} lists={lists} />
        <ProfileSection section="membership" member={member} lists={lists} />
        <ExtraFields member={member} />
        <FieldRetention member={member} />
      </div>
      <section aria-labelledby={`${id}-notes`} className="panel">
        <h2 id={`${id}-notes`}>{t('notes.timeline')}</h2>
        <NoteForm memberId={member.id} />
        <NoteTimeline memberId={member.id} />
      </section>
      <ConfirmDialog
        open={confirming}
        title={t('roster.deleteTitle')}
        message={t('roster.deleteQuestion', { name })}
        confirmLabel={t('common.delete')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          data.members.delete(member.id);
          setConfirming(false);
          navigate({ view: 'roster' });
        }}
      />
    </section>
  );
}
