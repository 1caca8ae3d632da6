/**
 * Consent national loosened (a member opted back in through national): one
 * checkbox each, none ticked. Only what the organizer ticks is written
 * (shared/csv applyImport, SECURITY.md "The national list import").
 */
import { useTranslation } from 'react-i18next';
import { consentKey, type ImportPlan } from '../../../shared/csv';
import { CheckboxGroup } from '../../components/CheckboxGroup';

interface Props {
  readonly plan: ImportPlan;
  readonly accepted: ReadonlySet<string>;
  readonly onChange: (accepted: Set<string>) => void;
  readonly disabled: boolean;
}

export function ConsentReview({ plan, accepted, onChange, disabled }: Props) {
  const { t } = useTranslation();
  if (plan.loosened.length === 0) return null;
  const options = plan.loosened.flatMap((change) =>
    change.loosened.map((l) => ({
      value: consentKey(change.memberId, l.field),
      label: t(`import.consent.${l.field}`, { name: change.name }),
    })),
  );
  return (
    <div className="panel consent-review">
      <CheckboxGroup
        legend={t('import.consent.title')}
        options={options}
        selected={options.map((o) => o.value).filter((v) => accepted.has(v))}
        onChange={(selected) => onChange(new Set(selected))}
      />
      <p className="hint">{t('import.consent.hint')}</p>
      <div className="actions">
        <button type="button" disabled={disabled} onClick={() => onChange(new Set(options.map((o) => o.value)))}>
          {t('import.consent.acceptAll')}
        </button>
        <button type="button" disabled={disabled} onClick={() => onChange(new Set())}>
          {t('import.consent.acceptNone')}
        </button>
      </div>
    </div>
  );
}
