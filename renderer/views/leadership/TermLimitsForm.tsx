/** The chapter's term limits, per kind of role: how long a term runs, and how many terms in a row one person may serve. */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setTermLimit } from '../../../shared/model/chapter-rules';
import { ROLE_KINDS, type RoleKind } from '../../../shared/model/codes';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useLabels } from '../../app/useLabels';
import { useTermLimits } from './useRoles';
import { Input } from '../../components/fields';

export function TermLimitsForm() {
  const { t } = useTranslation();
  const { data } = useSpace();
  const label = useLabels();
  const id = useId();
  const limits = useTermLimits();
  const [error, setError] = useState<unknown>(null);

  function set(kind: RoleKind, key: 'termMonths' | 'maxTerms', text: string) {
    setError(null);
    const value = text === '' ? undefined : Number(text);
    try {
      setTermLimit(data, kind, { ...limits[kind], [key]: value });
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('leadership.limitsTitle')}</h2>
      <p className="hint">{t('leadership.limitsHint')}</p>
      <table className="table limits">
        <thead>
          <tr>
            <th scope="col">{t('roles.role')}</th>
            <th scope="col">{t('leadership.termMonths')}</th>
            <th scope="col">{t('leadership.maxTerms')}</th>
          </tr>
        </thead>
        <tbody>
          {ROLE_KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">{label('roleKind', kind)}</th>
              {(['termMonths', 'maxTerms'] as const).map((key) => (
                <td key={key}>
                  <label className="visually-hidden" htmlFor={`${id}-${kind}-${key}`}>
                    {t(`leadership.${key}For`, { role: label('roleKind', kind) })}
                  </label>
                  <Input
                    id={`${id}-${kind}-${key}`}
                    type="number"
                    min={1}
                    max={key === 'termMonths' ? 120 : 50}
                    // Uncontrolled, saved when the organizer leaves the field: a half-typed number is never stored.
                    defaultValue={limits[kind]?.[key] ?? ''}
                    key={String(limits[kind]?.[key] ?? '')}
                    onBlur={(e) => {
                      if (e.target.value !== String(limits[kind]?.[key] ?? '')) set(kind, key, e.target.value);
                    }}
                    placeholder={t('leadership.noLimit')}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorText error={error} />
    </section>
  );
}
