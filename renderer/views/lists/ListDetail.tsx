/** One list: where it stands, who works it, its members, and its call sheet and CSV. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportMembers } from '../../../shared/csv/export';
import { displayName } from '../../../shared/model/member';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText } from '../../components/ErrorText';
import { StatusLine, message, useStatusLine } from '../../components/StatusLine';
import { useSpace } from '../../app/SpaceContext';
import { today } from '../../app/today';
import { useBusyAction } from '../../components/useBusyAction';
import { useLabels } from '../../app/useLabels';
import { tablePdf } from '../../components/pdf';
import { VirtualTable, VirtualTableHead, VirtualTableRow } from '../../components/VirtualTable';
import { saveCsv, savePdf } from '../import/files';
import { callSheet } from './call-sheet';
import { OrganizerInput } from './OrganizerInput';
import { ProgressSummary } from './ProgressSummary';
import { sourceWords } from './source-words';
import { useList } from './useLists';
import { Form } from '../../components/fields';

const COLUMNS = '3rem 2fr 1.5fr';

export function ListDetail({ listId }: { listId: string }) {
  const { t } = useTranslation();
  const { data, navigate } = useSpace();
  const label = useLabels();
  const id = useId();
  const found = useList(listId);
  const [organizer, setOrganizer] = useState(found?.list.assignedOrganizer ?? '');
  const status = useStatusLine();
  const [deleting, setDeleting] = useState(false);
  const { busy, error, setError, run } = useBusyAction();

  if (!found) {
    return (
      <section className="view" aria-labelledby={`${id}-h`}>
        <h1 id={`${id}-h`} tabIndex={-1}>
          {t('lists.title')}
        </h1>
        <p>{t('lists.missing')}</p>
        <button type="button" onClick={() => navigate({ view: 'lists' })}>
          {t('lists.back')}
        </button>
      </section>
    );
  }
  const { list, progress } = found;
  const open = progress.entries.filter((e) => e.state === 'open');
  const fileName = (ext: string) => `${list.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60) || 'list'}.${ext}`;

  function assign() {
    setError(null);
    try {
      data.lists.update(list.id, { assignedOrganizer: organizer.trim() || undefined });
      if (organizer.trim()) status.say('lists.assigned', { name: organizer.trim() });
      else status.say('lists.unassignedNow');
    } catch (e) {
      setError(e);
    }
  }

  async function csv() {
    status.clear();
    await run(async () => {
      // Only members still to reach, and only as their consent allows today (exportMembers checks it again).
      const text = exportMembers(
        open.map((e) => e.member!),
        list.channel,
      );
      if (await saveCsv(fileName('csv'), text)) status.say('lists.savedCsv', { count: open.length });
    });
  }

  async function pdf() {
    status.clear();
    await run(async () => {
      const sheet = callSheet(t, list, open, (code) => label('language', code), today());
      const made = await tablePdf(sheet);
      if (await savePdf(fileName('pdf'), made.bytes)) {
        status.say([
          message('lists.savedPdf', { count: open.length }),
          ...(made.altered ? [message('pdf.altered', { count: made.altered })] : []),
        ]);
      }
    });
  }

  return (
    <section className="view list-detail" aria-labelledby={`${id}-h`}>
      <div className="view-head">
        <h1 id={`${id}-h`} tabIndex={-1}>
          {list.name}
        </h1>
        <button type="button" onClick={() => navigate({ view: 'lists' })}>
          {t('lists.back')}
        </button>
      </div>
      <p className="hint">
        {t(`lists.channels.${list.channel}`)}
        {list.source ? ` · ${t('lists.from', { source: sourceWords(t, list.source) })}` : ''}
      </p>
      <ProgressSummary progress={progress} name={list.name} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={progress.open === 0}
          onClick={() => navigate({ view: 'lists', listId: list.id, work: true })}
        >
          {t('lists.work')}
        </button>
        <button type="button" onClick={() => void pdf()} disabled={busy || open.length === 0}>
          {t(`lists.savePdf.${list.channel}`, { count: open.length })}
        </button>
        <button type="button" onClick={() => void csv()} disabled={busy || open.length === 0}>
          {t('lists.saveCsv', { count: open.length })}
        </button>
        <button type="button" className="danger" onClick={() => setDeleting(true)}>
          {t('lists.delete')}
        </button>
      </div>
      <p className="hint">{t('lists.fileWarning')}</p>
      <StatusLine said={status.said} />
      <ErrorText error={error} />
      <Form
        className="inline-row"
        onSubmit={(e) => {
          e.preventDefault();
          assign();
        }}
      >
        <label htmlFor={`${id}-org`}>{t('lists.assignTo')}</label>
        <OrganizerInput id={`${id}-org`} value={organizer} onChange={setOrganizer} />
        <button type="submit">{t('lists.assign')}</button>
      </Form>
      <h2>{t('lists.members', { count: progress.total })}</h2>
      <VirtualTable
        label={t('lists.members', { count: progress.total })}
        rowsLabel={t('lists.memberRows')}
        count={progress.entries.length}
        rowHeight={40}
        className="roster-table list-table"
        testId="list-members"
        head={
          <VirtualTableHead columns={COLUMNS}>
            <div role="columnheader">#</div>
            <div role="columnheader">{t('lists.sheet.name')}</div>
            <div role="columnheader">{t('lists.state')}</div>
          </VirtualTableHead>
        }
        renderRow={(row) => {
          const e = progress.entries[row.index]!;
          return (
            <VirtualTableRow key={row.index} row={row} height={40} columns={COLUMNS}>
              <div role="cell">{row.index + 1}</div>
              <div role="cell">
                {e.member ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() => navigate({ view: 'member', memberId: e.memberId })}
                  >
                    {displayName(e.member)}
                  </button>
                ) : (
                  t('lists.goneMember')
                )}
              </div>
              <div role="cell" data-state={e.state}>
                {e.state === 'done' ? t(`lists.outcome.${e.outcome}`) : t(`lists.entryState.${e.state}`)}
              </div>
            </VirtualTableRow>
          );
        }}
      />
      <ConfirmDialog
        open={deleting}
        title={t('lists.deleteTitle')}
        message={t('lists.deleteQuestion', { name: list.name })}
        confirmLabel={t('common.delete')}
        onCancel={() => setDeleting(false)}
        onConfirm={() => {
          data.lists.delete(list.id);
          setDeleting(false);
          navigate({ view: 'lists' });
        }}
      />
    </section>
  );
}
