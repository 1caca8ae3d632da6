/**
 * When this member's fields of a sensitivity tier will be cleared (Settings, "Sensitive member
 * fields"; shared/model/retention.ts `fieldExpiries`): the organizer sees it before it happens.
 * Nothing is shown for a member with no tiered field holding a value.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldTiers } from '../../../shared/model/chapter-rules';
import type { Member } from '../../../shared/model/member';
import { fieldExpiries } from '../../../shared/model/retention';
import { useLabels } from '../../app/useLabels';
import { useRecords } from '../../app/useRecords';

export function FieldRetention({ member }: { readonly member: Member }) {
  const { t, i18n } = useTranslation();
  const label = useLabels();
  const id = useId();
  const tiers = useRecords((d) => fieldTiers(d), [], 'meta');
  const expiries = fieldExpiries(member, tiers);
  if (expiries.length === 0) return null;
  // The day is a UTC calendar day: formatted as such, so no time zone moves it.
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' });
  return (
    <section className="panel" aria-labelledby={`${id}-h`} data-testid="field-retention">
      <h2 id={`${id}-h`}>{t('fieldTiers.profileTitle')}</h2>
      <ul>
        {expiries.map((e) => (
          <li key={e.field}>
            <strong>{t(`fieldTiers.field.${e.field}`)}</strong>:{' '}
            {t('fieldTiers.clearsOn', {
              date: format.format(Date.parse(`${e.clearedOn}T00:00:00Z`)),
              tier: label('sensitivity', tiers[e.field]),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
