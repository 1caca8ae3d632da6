/**
 * The follow-ups table, virtualized (a chapter can have tens of thousands of
 * open follow-ups): only the rows in view are in the DOM. Rows are keyed by
 * note, so the focus stays on the same note when one above it is marked done.
 */
import { useTranslation } from 'react-i18next';
import { displayName } from '../../../shared/model/member';
import type { Note } from '../../../shared/model/note';
import { useSpace } from '../../app/SpaceContext';
import { useChangesOf } from '../../app/useRecords';
import { MemberLink } from '../../components/MemberLink';
import { VirtualTable, VirtualTableHead, VirtualTableRow } from '../../components/VirtualTable';
import { noteOwner } from '../../../shared/model/follow-ups';
import { useOrganizerLabel } from '../sharing/useOrganizerLabel';
import { useDayFormat } from '../../components/dates';

const ROW_HEIGHT = 44;
const COLUMNS = '7rem 1.4fr 1.8fr 1.3fr 10rem';

export function NoteRows({ notes }: { notes: readonly Note[] }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  useChangesOf('members'); // names of members, read as it renders
  const organizer = useOrganizerLabel();
  const day = useDayFormat();

  return (
    <VirtualTable
      label={t('notes.title')}
      count={notes.length}
      rowHeight={ROW_HEIGHT}
      rowsLabel={t('notes.rowsLabel')}
      testId="follow-ups"
      head={
        <VirtualTableHead columns={COLUMNS}>
          <div role="columnheader">{t('notes.dueDate')}</div>
          <div role="columnheader">{t('notes.member')}</div>
          <div role="columnheader">{t('notes.nextStep')}</div>
          <div role="columnheader">{t('notes.assignee')}</div>
          <div role="columnheader">{t('notes.done')}</div>
        </VirtualTableHead>
      }
      renderRow={(row) => {
        const n = notes[row.index]!;
        const member = n.memberId ? data.members.get(n.memberId) : undefined;
        const name = member ? displayName(member) : t('notes.noMember');
        return (
          <VirtualTableRow key={n.id} row={row} height={ROW_HEIGHT} columns={COLUMNS}>
            <div role="cell">{day(n.dueDate)}</div>
            <div role="cell">
              <MemberLink memberId={member?.id}>{name}</MemberLink>
            </div>
            <div role="cell">{n.nextStep}</div>
            <div role="cell">{organizer(noteOwner(n))}</div>
            <div role="cell" className="row-actions">
              <button
                type="button"
                onClick={() => data.notes.update(n.id, { done: true })}
                aria-label={t('notes.markDoneFor', { name })}
              >
                {t('notes.markDone')}
              </button>
            </div>
          </VirtualTableRow>
        );
      }}
    />
  );
}
