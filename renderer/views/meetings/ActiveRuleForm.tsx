/**
 * The chapter's definition of an active member: attended N of the last M
 * events of kind K (a space setting, shared/model/chapter-rules.ts), with how
 * many members it makes active today.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setActiveRule, type ActiveRule } from '../../../shared/model/chapter-rules';
import { EVENT_KINDS } from '../../../shared/model/codes';
import type { ActiveKind } from '../../../shared/model/attendance';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useLabels } from '../../app/useLabels';
import { useAttendanceCounts } from './useEvents';
import { Form, Input, Select, CodeOptions } from '../../components/fields';

export function ActiveRuleForm() {
  const { t } = useTranslation();
  const { data } = useSpace();
  const label = useLabels();
  const id = useId();
  const { rule, counts } = useAttendanceCounts();
  const [draft, setDraft] = useState<ActiveRule>(rule);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  // A synced change of the rule shows up in the form; other changes of the document leave the draft alone.
  useEffect(() => setDraft({ kind: rule.kind, last: rule.last, min: rule.min }), [rule.kind, rule.last, rule.min]);
  const active = [...counts.values()].filter((n) => n >= rule.min).length;
  const changed = draft.kind !== rule.kind || draft.last !== rule.last || draft.min !== rule.min;

  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      setActiveRule(data, draft);
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  }
  const number = (key: 'min' | 'last') => (
    <Input
      id={`${id}-${key}`}
      type="number"
      min={1}
      max={100}
      value={draft[key]}
      onChange={(e) => {
        setSaved(false);
        setDraft((d) => ({ ...d, [key]: Number(e.target.value) }));
      }}
      required
    />
  );

  return (
    <Form className="panel" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('activeRule.title')}</h2>
      <p>
        {t('activeRule.current', {
          min: rule.min,
          count: rule.last,
          kind: rule.kind === 'any' ? t('activeRule.anyKind') : label('eventKind', rule.kind),
        })}{' '}
        <strong data-testid="active-count">{t('activeRule.activeNow', { count: active })}</strong>
      </p>
      <div className="inline-row">
        <label htmlFor={`${id}-min`}>{t('activeRule.min')}</label>
        {number('min')}
        <label htmlFor={`${id}-last`}>{t('activeRule.last')}</label>
        {number('last')}
        <label htmlFor={`${id}-kind`}>{t('activeRule.kind')}</label>
        <Select
          id={`${id}-kind`}
          value={draft.kind}
          onChange={(e) => {
            setSaved(false);
            setDraft((d) => ({ ...d, kind: e.target.value as ActiveKind }));
          }}
        >
          <option value="any">{t('activeRule.anyKind')}</option>
          <CodeOptions kind="eventKind" codes={EVENT_KINDS} />
        </Select>
        <button type="submit" disabled={!changed}>
          {t('activeRule.save')}
        </button>
      </div>
      <p className="hint">{t('activeRule.hint')}</p>
      {draft.min > draft.last && <p className="error">{t('activeRule.minAboveLast')}</p>}
      <ErrorText error={error} />
      <p role="status" className="hint">
        {saved ? t('activeRule.saved') : ''}
      </p>
    </Form>
  );
}
