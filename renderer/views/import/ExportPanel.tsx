/** Member lists as CSV, made the way each member's consent asks (shared/csv/export). */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_LISTS, exportMembers, membersInList } from '../../../shared/csv';
import type { ExportList } from '../../../shared/csv';
import { StatusLine, useStatusLine } from '../../components/StatusLine';

import { useRecords } from '../../app/useRecords';
import { saveCsv } from './files';
import { Select } from '../../components/fields';

export function ExportPanel() {
  const { t } = useTranslation();
  const id = useId();
  const [list, setList] = useState<ExportList>('call');
  const status = useStatusLine();
  const members = useRecords((data) => data.members.all(), [], 'members');
  const count = useMemo(() => membersInList(members, list).length, [members, list]);

  async function save() {
    status.clear();
    try {
      const saved = await saveCsv(`${list}-list.csv`, exportMembers(members, list));
      if (saved) status.say('import.exported', { count });
    } catch (e) {
      status.fail(e);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('import.exportTitle')}</h2>
      <label htmlFor={`${id}-list`}>{t('import.exportList')}</label>
      <Select id={`${id}-list`} value={list} onChange={(e) => setList(e.target.value as ExportList)}>
        {EXPORT_LISTS.map((l) => (
          <option key={l} value={l}>
            {t(`import.lists.${l}`)}
          </option>
        ))}
      </Select>
      <p className="hint">{t(`import.listHint.${list}`)}</p>
      <p className="hint">{t('import.exportWarning')}</p>
      <button type="button" onClick={() => void save()} disabled={count === 0}>
        {t('import.export', { count })}
      </button>
      <StatusLine said={status.said} />
    </section>
  );
}
