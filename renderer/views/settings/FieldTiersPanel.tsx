/**
 * Which member fields the chapter keeps only for a while (a space setting, shared/model/chapter-rules.ts
 * `fieldTier.<field>`): each tiered field is cleared on every device its tier's days after it was last
 * written, and its old value leaves the disk (ARCHITECTURE.md "Checkpoints and compaction"). The
 * tiers are those of notes, explained in plain words here.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldTiers, setFieldTier } from '../../../shared/model/chapter-rules';
import { SENSITIVITY_TIERS, type SensitivityTier } from '../../../shared/model/codes';
import { TIERED_FIELDS, type TieredField } from '../../../shared/model/member';
import { RETENTION_DAYS } from '../../../shared/model/retention';
import { useSpace } from '../../app/SpaceContext';
import { useLabels } from '../../app/useLabels';
import { useRecords } from '../../app/useRecords';
import { StatusLine, message, useStatusLine } from '../../components/StatusLine';
import { Select } from '../../components/fields';

export function FieldTiersPanel() {
  const { t } = useTranslation();
  const { data } = useSpace();
  const label = useLabels();
  const id = useId();
  const tiers = useRecords((d) => fieldTiers(d), [], 'meta');
  const status = useStatusLine();

  function choose(field: TieredField, tier: SensitivityTier) {
    try {
      setFieldTier(data, field, tier);
      // The tier's words are useLabels' key for a sensitivity code (every tier has one).
      status.say('fieldTiers.saved', {
        field: message(`fieldTiers.field.${field}`),
        tier: message(`codes.sensitivity.${tier}`),
      });
    } catch (err) {
      status.fail(err);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('fieldTiers.title')}</h2>
      <p>{t('fieldTiers.intro')}</p>
      <ul className="hint">
        {SENSITIVITY_TIERS.map((tier) => {
          const days = RETENTION_DAYS[tier];
          return (
            <li key={tier}>
              <strong>{label('sensitivity', tier)}</strong>:{' '}
              {days === null ? t('fieldTiers.keptForever') : t('fieldTiers.clearedAfter', { count: days })}
            </li>
          );
        })}
      </ul>
      <div className="label-grid">
        {TIERED_FIELDS.map((field) => (
          <div key={field} className="label-row">
            <label htmlFor={`${id}-${field}`}>{t(`fieldTiers.field.${field}`)}</label>
            <Select
              id={`${id}-${field}`}
              value={tiers[field]}
              onChange={(e) => choose(field, e.target.value as SensitivityTier)}
            >
              {SENSITIVITY_TIERS.map((tier) => (
                <option key={tier} value={tier}>
                  {label('sensitivity', tier)}
                </option>
              ))}
            </Select>
          </div>
        ))}
      </div>
      <p className="hint">{t('fieldTiers.everyDevice')}</p>
      <StatusLine said={status.said} className="hint" />
    </section>
  );
}
