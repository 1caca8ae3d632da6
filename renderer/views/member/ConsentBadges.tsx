import { useTranslation } from 'react-i18next';
import type { Member } from '../../../shared/model/member';
import { useLabels } from '../../app/useLabels';

/** Contact details always come with the member's consent: do not call, no texts, mailing preference. */
export function ConsentBadges({ member }: { member: Member }) {
  const { t } = useTranslation();
  const label = useLabels();
  return (
    <div className="contact-card" aria-label={t('member.contactSummary')} role="group">
      <ul className="plain">
        {member.phones.map((p) => (
          <li key={p}>
            {p} {member.doNotCall && <span className="badge">{t('consent.doNotCall')}</span>}
            {member.textOptOut && <span className="badge">{t('consent.noTexts')}</span>}
          </li>
        ))}
        {member.emails.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
      {member.mailingPreference && (
        <p>
          {t('member.field.mailingPreference')}: {label('mailingPreference', member.mailingPreference)}
        </p>
      )}
    </div>
  );
}
