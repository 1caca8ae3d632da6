/**
 * De-identified reports: counts by one or two dimensions with small counts
 * suppressed (shared/model/report.ts). The preview is the file itself
 * (report-file.ts): nothing leaves the app that is not on this screen.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportMinimumCell } from '../../../shared/model/engagement-settings';
import {
  buildReport,
  COLUMN_DIMENSIONS,
  REPORT_DIMENSIONS,
  type ReportDimension,
  type ReportSpec,
} from '../../../shared/model/report';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { today } from '../../app/today';
import { useBusyAction } from '../../components/useBusyAction';
import { useLabels } from '../../app/useLabels';
import { tablePdf } from '../../components/pdf';
import { saveCsv, savePdf } from '../import/files';
import { reportCsv, reportFile, reportPdf } from './report-file';
import { Field, Select } from '../../components/fields';
import { DateField } from '../../components/DateField';
import { useDayFormat } from '../../components/dates';

export function Reports() {
  const { t } = useTranslation();
  const hiddenCell = t('reports.hiddenCell');
  const { navigate } = useSpace();
  const label = useLabels();
  const day = useDayFormat();
  const id = useId();
  const [rows, setRows] = useState<ReportDimension>('region');
  const [columns, setColumns] = useState<NonNullable<ReportSpec['columns']> | ''>('ladderStage');
  const [onDay, setOnDay] = useState(today());
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useBusyAction();
  const k = useRecords(reportMinimumCell, [], 'meta');

  const { report, file } = useRecords(
    (data) => {
      const regions = data.regions.all().sort((a, b) => a.name.localeCompare(b.name));
      const skills = data.skills.all().sort((a, b) => a.name.localeCompare(b.name));
      const regionNames = new Map(regions.map((r) => [r.id, r.name]));
      const skillNames = new Map(skills.map((s) => [s.id, s.name]));
      const report = buildReport(
        {
          members: data.members.all(),
          regionIds: regions.map((r) => r.id),
          skillIds: skills.map((s) => s.id),
          memberSkills: data.memberSkills.all(),
          events: data.attendance.all(),
        },
        { rows, columns: columns || undefined, k, onDay },
      );
      const file = reportFile(report, {
        t,
        label,
        regionName: (id) => regionNames.get(id),
        skillName: (id) => skillNames.get(id),
        day,
      });
      return { report, file };
    },
    [rows, columns, k, onDay, t, label, day],
    ['regions', 'skills', 'members', 'memberSkills', 'attendance'],
  );

  const name = (ext: string) => `report-${rows}${columns ? `-${columns}` : ''}-${onDay}.${ext}`;

  async function save(kind: 'csv' | 'pdf') {
    setSaved(false);
    await run(async () => {
      const done =
        kind === 'csv'
          ? await saveCsv(name('csv'), reportCsv(file))
          : await savePdf(name('pdf'), (await tablePdf(reportPdf(file, t))).bytes);
      setSaved(done === true);
    });
  }

  return (
    <section className="view reports" aria-labelledby={`${id}-h`}>
      <div className="view-head">
        <h1 id={`${id}-h`} tabIndex={-1}>
          {t('reports.title')}
        </h1>
      </div>
      <p className="hint">{t('reports.intro', { k })}</p>
      <div className="panel form-columns">
        <DimensionSelect
          label={t('reports.rows')}
          value={rows}
          dimensions={REPORT_DIMENSIONS}
          onChange={(next) => {
            if (next === '') return; // rows always have a dimension (the menu has no empty choice)
            setRows(next);
            if (next === columns || next === 'skill')
              setColumns(next === 'skill' ? '' : columns === 'region' ? 'ladderStage' : 'region');
          }}
        />
        <DimensionSelect
          label={t('reports.columns')}
          value={columns}
          dimensions={COLUMN_DIMENSIONS.filter((d) => d !== rows)}
          none={t('reports.noColumns')}
          onChange={setColumns}
        />
        {/* A report is always as of some day: emptying the field keeps the last one. */}
        <DateField label={t('reports.day')} value={onDay} onChange={(day) => day && setOnDay(day)} />
        <p className="hint">
          {t('reports.kHint', { k })}{' '}
          <button type="button" className="link" onClick={() => navigate({ view: 'dashboard' })}>
            {t('reports.changeK')}
          </button>
        </p>
      </div>
      <section className="panel preview" aria-labelledby={`${id}-p`} data-testid="report-preview">
        <h2 id={`${id}-p`}>{t('reports.preview')}</h2>
        <p className="hint">{t('reports.previewHint')}</p>
        <div className="file-preview">
          <p className="file-title">{file.title}</p>
          {file.lines.map((l) => (
            <p key={l}>{l}</p>
          ))}
          {/* A scrolling box is reached by keyboard (Tab, then the arrow keys). */}
          <div className="table-scroll" tabIndex={0} role="region" aria-label={file.title}>
            <table className="table report-table">
              <caption className="visually-hidden">{file.title}</caption>
              <thead>
                <tr>
                  {file.header.map((h, j) => (
                    <th scope="col" key={j}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {file.rows.map((row, i) => (
                  <tr key={i} className={file.totalsRow && i === file.rows.length - 1 ? 'totals' : undefined}>
                    {row.map((cell, j) =>
                      j === 0 ? (
                        <th scope="row" key={j}>
                          {cell}
                        </th>
                      ) : (
                        <td key={j} className={cell === hiddenCell ? 'suppressed' : undefined}>
                          {cell}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {file.footer.map((l) => (
            <p key={l}>{l}</p>
          ))}
        </div>
        <p data-testid="suppressed-count">
          {t('reports.suppressedCount', { count: report.suppressed.primary, k })}{' '}
          {t('reports.complementaryCount', { count: report.suppressed.complementary })}
        </p>
      </section>
      <div className="actions">
        <button type="button" onClick={() => void save('csv')} disabled={busy}>
          {t('reports.saveCsv')}
        </button>
        <button type="button" onClick={() => void save('pdf')} disabled={busy}>
          {t('reports.savePdf')}
        </button>
      </div>
      <p className="hint">{t('reports.fileWarning')}</p>
      <p role="status">{saved ? t('reports.saved') : ''}</p>
      <ErrorText error={error} />
    </section>
  );
}

/** A menu of what a report counts by (rows or columns), in the user's language; `none` adds an empty first choice. */
function DimensionSelect<D extends ReportDimension>({
  label,
  value,
  dimensions,
  none,
  onChange,
}: {
  readonly label: string;
  readonly value: D | '';
  readonly dimensions: readonly D[];
  readonly none?: string;
  readonly onChange: (dimension: D | '') => void;
}) {
  const { t } = useTranslation();
  return (
    <Field label={label}>
      {(c) => (
        <Select {...c} value={value} onChange={(e) => onChange(e.target.value as D | '')}>
          {none !== undefined && <option value="">{none}</option>}
          {dimensions.map((d) => (
            <option key={d} value={d}>
              {t(`reports.dimension.${d}`)}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
