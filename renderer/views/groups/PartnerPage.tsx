/** A partner organisation: who they are, their contact, our liaisons with them, notes about the relationship. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNER_KINDS, type PartnerKind } from '../../../shared/model/codes';
import { deletePartner } from '../../../shared/model/groups';
import { displayName } from '../../../shared/model/member';
import type { Partner } from '../../../shared/model/partner';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useChangesOf, useRecords } from '../../app/useRecords';
import { useLabels } from '../../app/useLabels';
import { MemberLink } from '../../components/MemberLink';
import { MemberPicker } from '../../components/MemberPicker';
import { NoteForm } from '../notes/NoteForm';
import { NoteTimeline } from '../notes/NoteTimeline';
import { CodeOptions, Field, Form, Input, Select, TextArea } from '../../components/fields';

export function PartnerPage({ partnerId }: { partnerId: string }) {
  const { t } = useTranslation();
  const { data, navigate } = useSpace();
  useChangesOf('members'); // names of members, read as it renders
  const label = useLabels();
  const id = useId();
  const partner = useRecords((data) => data.partners.get(partnerId), [partnerId], 'partners');
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (!partner) {
    return (
      <section className="view" aria-labelledby={`${id}-h`}>
        <h1 id={`${id}-h`} tabIndex={-1}>
          {t('partners.title')}
        </h1>
        <p className="empty">{t('partners.missing')}</p>
        <button type="button" onClick={() => navigate({ view: 'partners' })}>
          {t('partners.backToList')}
        </button>
      </section>
    );
  }
  const act = (fn: () => void) => {
    setError(null);
    try {
      fn();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="view" aria-labelledby={`${id}-h`}>
      <div className="view-head">
        <h1 id={`${id}-h`} tabIndex={-1}>
          {partner.name} <span className="pronouns">({label('partnerKind', partner.kind)})</span>
        </h1>
        <button type="button" className="danger" onClick={() => setDeleting(true)}>
          {t('partners.delete')}
        </button>
      </div>
      {partner.description && <p>{partner.description}</p>}
      <ErrorText error={error} />
      <section className="panel" aria-labelledby={`${id}-l`}>
        <h2 id={`${id}-l`}>{t('partners.liaisons')}</h2>
        <p className="hint">{t('partners.liaisonsHint')}</p>
        {partner.liaisonIds.length === 0 ? (
          <p className="hint">{t('partners.noLiaisons')}</p>
        ) : (
          <ul className="plain">
            {partner.liaisonIds.map((mid) => {
              const m = data.members.get(mid);
              if (!m) return null;
              return (
                <li key={mid}>
                  <MemberLink memberId={mid}>{displayName(m)}</MemberLink>{' '}
                  <button
                    type="button"
                    aria-label={t('partners.removeLiaison', { name: displayName(m) })}
                    onClick={() =>
                      act(() =>
                        data.partners.update(partnerId, { liaisonIds: partner.liaisonIds.filter((x) => x !== mid) }),
                      )
                    }
                  >
                    {t('common.remove')}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <MemberPicker
          label={t('partners.addLiaison')}
          exclude={new Set(partner.liaisonIds)}
          onPick={(m) => act(() => data.partners.update(partnerId, { liaisonIds: [...partner.liaisonIds, m.id] }))}
        />
      </section>
      <PartnerDetails key={partner.id} partner={partner} />
      <section className="panel" aria-labelledby={`${id}-n`}>
        <h2 id={`${id}-n`}>{t('partners.notes')}</h2>
        <NoteForm partnerId={partnerId} />
        <NoteTimeline subject={{ partnerId }} />
      </section>
      <ConfirmDialog
        open={deleting}
        title={t('partners.deleteTitle')}
        message={t('partners.deleteQuestion', { name: partner.name })}
        confirmLabel={t('partners.delete')}
        onCancel={() => setDeleting(false)}
        onConfirm={() => {
          act(() => {
            deletePartner(data, partnerId);
            navigate({ view: 'partners' });
          });
          setDeleting(false);
        }}
      />
    </section>
  );
}

function PartnerDetails({ partner }: { partner: Partner }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const [draft, setDraft] = useState({
    name: partner.name,
    kind: partner.kind,
    contactName: partner.contactName ?? '',
    contactPhone: partner.contactPhone ?? '',
    contactEmail: partner.contactEmail ?? '',
    website: partner.website ?? '',
    description: partner.description ?? '',
  });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const set = (key: keyof typeof draft, value: string) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const opt = (v: string) => v.trim() || undefined;
    try {
      data.partners.update(partner.id, {
        name: draft.name.trim(),
        kind: draft.kind,
        contactName: opt(draft.contactName),
        contactPhone: opt(draft.contactPhone),
        contactEmail: opt(draft.contactEmail),
        website: opt(draft.website),
        description: opt(draft.description),
      });
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  }
  const input = (key: keyof typeof draft, type = 'text') => (
    <Field label={t(`partners.field.${key}`)}>
      {(c) => (
        <Input
          {...c}
          type={type}
          value={draft[key]}
          required={key === 'name'}
          onChange={(e) => set(key, e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <Form className="panel" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('partners.details')}</h2>
      <div className="form-columns">
        {input('name')}
        <Field label={t('partners.field.kind')}>
          {(c) => (
            <Select {...c} value={draft.kind} onChange={(e) => set('kind', e.target.value as PartnerKind)}>
              <CodeOptions kind="partnerKind" codes={PARTNER_KINDS} />
            </Select>
          )}
        </Field>
        {input('contactName')}
        {input('contactPhone', 'tel')}
        {input('contactEmail', 'email')}
        {input('website')}
      </div>
      <Field label={t('partners.field.description')} layout="block">
        {(c) => (
          <TextArea {...c} rows={3} value={draft.description} onChange={(e) => set('description', e.target.value)} />
        )}
      </Field>
      <ErrorText error={error} />
      <div className="actions">
        <button type="submit">{t('common.save')}</button>
        <span role="status" className="hint">
          {saved ? t('partners.saved') : ''}
        </span>
      </div>
    </Form>
  );
}
