/** The chapter's own words for assessments, and k for reports: space settings every organizer shares. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ASSESSMENT_VALUES,
  assessmentLabels,
  MAX_ASSESSMENT_LABEL,
  MINIMUM_CELL_RANGE,
  reportMinimumCell,
  setAssessmentLabel,
  setReportMinimumCell,
} from '../../../shared/model/engagement-settings';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { Form, Input } from '../../components/fields';

export function ChapterSettings() {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const [labels, setLabels] = useState<Partial<Record<number, string>>>(() => ({ ...assessmentLabels(data) }));
  const [k, setK] = useState(() => String(reportMinimumCell(data)));
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      data.transact(() => {
        for (const v of ASSESSMENT_VALUES) setAssessmentLabel(data, v, labels[v] ?? '');
        setReportMinimumCell(data, Number(k));
      });
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Form className="panel" aria-labelledby={`${id}-h`} onSubmit={save}>
      <h2 id={`${id}-h`}>{t('dashboard.settingsTitle')}</h2>
      <fieldset>
        <legend>{t('dashboard.assessmentLabels')}</legend>
        <p className="hint">{t('dashboard.assessmentLabelsHint')}</p>
        <div className="form-columns">
          {ASSESSMENT_VALUES.map((v) => (
            <div className="field" key={v}>
              <label htmlFor={`${id}-a${v}`}>{t('dashboard.assessmentValue', { value: v })}</label>
              <Input
                id={`${id}-a${v}`}
                value={labels[v] ?? ''}
                maxLength={MAX_ASSESSMENT_LABEL}
                onChange={(e) => setLabels((l) => ({ ...l, [v]: e.target.value }))}
              />
            </div>
          ))}
        </div>
      </fieldset>
      <div className="field narrow">
        <label htmlFor={`${id}-k`}>{t('dashboard.minimumCell')}</label>
        <Input
          id={`${id}-k`}
          type="number"
          min={MINIMUM_CELL_RANGE.min}
          max={MINIMUM_CELL_RANGE.max}
          step={1}
          value={k}
          onChange={(e) => setK(e.target.value)}
          aria-describedby={`${id}-k-hint`}
        />
        <p className="hint" id={`${id}-k-hint`}>
          {t('dashboard.minimumCellHint', MINIMUM_CELL_RANGE)}
        </p>
      </div>
      <ErrorText error={error} />
      <button type="submit">{t('dashboard.saveSettings')}</button>
      <p role="status">{saved ? t('dashboard.settingsSaved') : ''}</p>
    </Form>
  );
}
