/** Adding or changing an engagement target. Only the fields its metric uses are shown. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EVENT_KINDS, LADDER_STAGES, TARGET_METRICS, TARGET_PERIODS } from '../../../shared/model/codes';
import type { Target, TargetInput } from '../../../shared/model/target';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useLabels } from '../../app/useLabels';
import { useNames } from './useEngagement';
import { Form, Input, Select } from '../../components/fields';
import { DateField } from '../../components/DateField';

interface Props {
  readonly target?: Target;
  readonly onDone: () => void;
}

export function TargetForm({ target, onDone }: Props) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const label = useLabels();
  const names = useNames();
  const id = useId();
  const [draft, setDraft] = useState<Partial<TargetInput>>(
    target ?? { metric: 'one_on_ones', period: 'month', name: '', target: 10 },
  );
  const [error, setError] = useState<unknown>(null);
  const set = <K extends keyof TargetInput>(key: K, value: TargetInput[K] | undefined) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const metric = draft.metric ?? 'one_on_ones';
  const uses = {
    stage: metric === 'members_at_stage' || metric === 'reached_stage',
    eventKind: metric === 'meeting_turnout' || metric === 'active_members',
    skill: metric === 'skill_teachers',
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const fields: TargetInput = {
      name: (draft.name ?? '').trim(),
      metric,
      period: draft.period ?? 'month',
      target: Number(draft.target),
      ladderStage: uses.stage ? (draft.ladderStage ?? 'leader') : undefined,
      eventKind: uses.eventKind ? (draft.eventKind ?? 'general_meeting') : undefined,
      skillId: uses.skill ? draft.skillId || undefined : undefined,
      regionId: draft.regionId || undefined,
      groupId: draft.groupId || undefined,
      dueDate: draft.dueDate || undefined,
    };
    try {
      if (target) data.targets.update(target.id, fields);
      else data.targets.create(fields);
      onDone();
    } catch (err) {
      setError(err);
    }
  }

  const choice = (
    key: keyof TargetInput,
    options: readonly { value: string; label: string }[],
    optional = false,
    fallback = '',
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`dashboard.field.${key}`)}</label>
      <Select
        id={`${id}-${key}`}
        value={(draft[key] as string | undefined) ?? fallback}
        onChange={(e) => set(key, (e.target.value || undefined) as never)}
      >
        {optional && <option value="">{t('dashboard.all')}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </div>
  );
  const sorted = (m: ReadonlyMap<string, string>) =>
    [...m].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));

  return (
    <Form onSubmit={submit} className="panel target-form" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{target ? t('dashboard.editTargetTitle') : t('dashboard.addTarget')}</h2>
      <div className="form-columns">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('dashboard.field.name')}</label>
          <Input
            id={`${id}-name`}
            value={draft.name ?? ''}
            onChange={(e) => set('name', e.target.value)}
            required
            maxLength={200}
          />
        </div>
        {choice(
          'metric',
          TARGET_METRICS.map((m) => ({
            value: m,
            label: t(`dashboard.metricName.${m}`),
          })),
        )}
        {choice(
          'period',
          TARGET_PERIODS.map((p) => ({ value: p, label: t(`dashboard.periodName.${p}`) })),
        )}
        <div className="field">
          <label htmlFor={`${id}-target`}>{t('dashboard.field.target')}</label>
          <Input
            id={`${id}-target`}
            type="number"
            min={0}
            step={1}
            value={draft.target ?? ''}
            onChange={(e) => set('target', e.target.value === '' ? undefined : Number(e.target.value))}
            required
          />
        </div>
        {uses.stage &&
          choice(
            'ladderStage',
            LADDER_STAGES.map((s) => ({ value: s, label: label('ladderStage', s) })),
            false,
            'leader',
          )}
        {uses.eventKind &&
          choice(
            'eventKind',
            EVENT_KINDS.map((k) => ({ value: k, label: t(`codes.eventKind.${k}`) })),
            false,
            'general_meeting',
          )}
        {uses.skill && choice('skillId', sorted(names.skills), true)}
        {choice('regionId', sorted(names.regions), true)}
        {choice('groupId', sorted(names.groups), true)}
        <DateField
          label={t('dashboard.field.dueDate')}
          value={draft.dueDate ?? ''}
          onChange={(day) => set('dueDate', day || undefined)}
        />
      </div>
      <ErrorText error={error} />
      <div className="actions">
        <button type="submit" className="primary">
          {t('common.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </Form>
  );
}
