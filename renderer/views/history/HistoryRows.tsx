/**
 * The signed changes, newest first, virtualized: a space's history grows with
 * every batch of edits, so only the rows in view are in the DOM. Rows are
 * keyed by change, so the focus stays on the same change when new ones arrive.
 */
import { useTranslation } from 'react-i18next';
import { displayName } from '../../../shared/model/member';
import { useSpace } from '../../app/SpaceContext';
import { useChangesOf } from '../../app/useRecords';
import { MemberLink } from '../../components/MemberLink';
import { VirtualTable, VirtualTableHead, VirtualTableRow } from '../../components/VirtualTable';
import type { ChangeRecord } from '../../vault';
import type { DeviceId } from '../../../shared/crypto';
import { shortDevice } from '../sharing/words';

// Two lines: up to five member names fit.
const ROW_HEIGHT = 60;
const COLUMNS = '12rem 10rem 1fr';

export interface HistoryRow {
  readonly change: ChangeRecord;
  readonly members: readonly string[];
}

export function HistoryRows({ rows }: { rows: readonly HistoryRow[] }) {
  const { t, i18n } = useTranslation();
  const { data, deviceId } = useSpace();
  useChangesOf('members'); // names of members, read as it renders
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const who = (by: DeviceId) =>
    by === deviceId ? t('history.thisDevice') : t('history.device', { id: shortDevice(by) });
  const nameOf = (mid: string) => {
    const m = data.members.get(mid);
    return m ? displayName(m) : t('history.deletedMember');
  };

  return (
    <VirtualTable
      label={t('history.title')}
      count={rows.length}
      rowHeight={ROW_HEIGHT}
      rowsLabel={t('history.rowsLabel')}
      testId="history"
      head={
        <VirtualTableHead columns={COLUMNS}>
          <div role="columnheader">{t('history.when')}</div>
          <div role="columnheader">{t('history.who')}</div>
          <div role="columnheader">{t('history.members')}</div>
        </VirtualTableHead>
      }
      renderRow={(row) => {
        const { change, members } = rows[row.index]!;
        return (
          <VirtualTableRow key={change.id} row={row} height={ROW_HEIGHT} columns={COLUMNS}>
            <div role="cell">{when.format(change.at)}</div>
            <div role="cell">{who(change.author)}</div>
            <div role="cell" style={{ whiteSpace: 'normal' }}>
              {members.length === 0
                ? t('history.otherRecords', { count: change.records.length })
                : members.length > 5
                  ? t('history.manyMembers', { count: members.length })
                  : members.map((mid, i) => (
                      <span key={mid}>
                        {i > 0 && ', '}
                        <MemberLink memberId={data.members.has(mid) ? mid : undefined}>{nameOf(mid)}</MemberLink>
                      </span>
                    ))}
            </div>
          </VirtualTableRow>
        );
      }}
    />
  );
}
