/** Partner organisations: unions, tenant groups, community and faith groups, with their contact and our liaisons; a new one. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNER_KINDS, type PartnerKind } from '../../../shared/model/codes';
import { displayName } from '../../../shared/model/member';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useChangesOf, useRecords } from '../../app/useRecords';
import { useLabels } from '../../app/useLabels';
import { Form, Input, Select, CodeOptions } from '../../components/fields';

export function Partners() {
  const { t } = useTranslation();
  const { data, navigate } = useSpace();
  useChangesOf('members'); // names of members, read as it renders
  const label = useLabels();
  const id = useId();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<PartnerKind>('community');
  const [error, setError] = useState<unknown>(null);
  const partners = useRecords(
    (data) => data.partners.all().sort((a, b) => a.name.localeCompare(b.name)),
    [],
    'partners',
  );

  function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const partnerId = data.partners.create({ name: name.trim(), kind });
      navigate({ view: 'partner', partnerId });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="view" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {t('partners.title')}
      </h1>
      <Form className="inline-row panel" onSubmit={add} aria-label={t('partners.add')}>
        <label htmlFor={`${id}-name`}>{t('partners.field.name')}</label>
        <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        <label htmlFor={`${id}-kind`}>{t('partners.field.kind')}</label>
        <Select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as PartnerKind)}>
          <CodeOptions kind="partnerKind" codes={PARTNER_KINDS} />
        </Select>
        <button type="submit">{t('partners.add')}</button>
        <ErrorText error={error} />
      </Form>
      {partners.length === 0 ? (
        <div className="empty">
          <p>{t('partners.empty')}</p>
        </div>
      ) : (
        <table className="table" data-testid="partners">
          <caption className="visually-hidden">{t('partners.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('partners.field.name')}</th>
              <th scope="col">{t('partners.field.kind')}</th>
              <th scope="col">{t('partners.field.contactName')}</th>
              <th scope="col">{t('partners.liaisons')}</th>
            </tr>
          </thead>
          <tbody>
            {partners.map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => navigate({ view: 'partner', partnerId: p.id })}>
                    {p.name}
                  </button>
                </th>
                <td>{label('partnerKind', p.kind)}</td>
                <td>{[p.contactName, p.contactPhone ?? p.contactEmail].filter(Boolean).join(' · ')}</td>
                <td>
                  {p.liaisonIds
                    .map((m) => data.members.get(m))
                    .filter((m) => m !== undefined)
                    .map(displayName)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
