/**
 * A walk-in at the door, in seconds: name, phone or e-mail, ZIP, and the two
 * consent questions asked plainly (nothing is ticked for them). While the
 * phone or e-mail is typed, anyone already on the roster with it is offered
 * instead, so the same person is not added twice.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { contactIndex, sameContact } from '../../../shared/model/duplicates';
import { displayName, type Member } from '../../../shared/model/member';
import type { WalkIn } from '../../../shared/model/walk-in';
import { ErrorText } from '../../components/ErrorText';
import { useMembers } from '../../app/useRoster';
import { useModal } from '../../components/useModal';
import { Form, Input } from '../../components/fields';

interface Props {
  /** What was typed in the search: a name, an e-mail or a phone number. */
  readonly initial: string;
  readonly onAdd: (walkIn: WalkIn) => void;
  readonly onExisting: (member: Member) => void;
  readonly onCancel: () => void;
  /** Why the last "add" failed (a ZIP that is not one, say), shown inside the form. */
  readonly error?: unknown;
}

/** The search text as the walk-in's first fields: an e-mail, a phone, or first and last name. */
export function fromQuery(query: string): Pick<WalkIn, 'firstName' | 'lastName' | 'email' | 'phone'> {
  const q = query.trim();
  if (q.includes('@')) return { firstName: '', email: q };
  if (/^[\d\s().+\-/]+$/.test(q) && /\d{3}/.test(q)) return { firstName: '', phone: q };
  const [first = '', ...rest] = q.split(/\s+/);
  const cap = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
  return { firstName: cap(first), lastName: rest.map(cap).join(' ') };
}

export function WalkInForm({ initial, onAdd, onExisting, onCancel, error }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useModal(true); // shown as a modal while mounted; the owner unmounts it to close
  const members = useMembers();
  const start = useMemo(() => fromQuery(initial), [initial]);
  const [firstName, setFirstName] = useState(start.firstName);
  const [lastName, setLastName] = useState(start.lastName ?? '');
  const [phone, setPhone] = useState(start.phone ?? '');
  const [email, setEmail] = useState(start.email ?? '');
  const [zip, setZip] = useState('');
  const [mayCall, setMayCall] = useState(false);
  const [mayText, setMayText] = useState(false);
  const byContact = useMemo(() => contactIndex(members), [members]);
  const known = useMemo(
    () =>
      sameContact(byContact, { emails: email.includes('@') ? [email] : [], phones: phone ? [phone] : [] }).slice(0, 3),
    [byContact, email, phone],
  );

  useEffect(() => {
    // Shown as a modal by now (useModal's effect runs first). The first empty field takes the focus:
    // usually the name, or the phone when a name was typed. `ref` never changes: this runs once.
    const empty = ref.current?.querySelector<HTMLInputElement>('input[data-first-empty="true"]');
    (empty ?? ref.current?.querySelector<HTMLInputElement>('input'))?.focus();
  }, [ref]);

  function submit(e: FormEvent) {
    e.preventDefault();
    onAdd({ firstName, lastName, phone, email, zip, mayCall, mayText });
  }

  const field = (key: string, value: string, set: (v: string) => void, type: string, extra: object = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`checkin.walkInField.${key}`)}</label>
      <Input id={`${id}-${key}`} type={type} value={value} onChange={(e) => set(e.target.value)} {...extra} />
    </div>
  );
  const firstEmpty = !firstName ? 'firstName' : !phone && !email ? 'phone' : 'zip';

  return (
    <dialog ref={ref} className="dialog walkin" aria-labelledby={`${id}-h`} onCancel={onCancel}>
      <Form onSubmit={submit} className="form-grid">
        <h2 id={`${id}-h`}>{t('checkin.walkInTitle')}</h2>
        <div className="two-up">
          {field('firstName', firstName, setFirstName, 'text', {
            required: true,
            'data-first-empty': firstEmpty === 'firstName',
          })}
          {field('lastName', lastName, setLastName, 'text')}
          {field('phone', phone, setPhone, 'tel', { 'data-first-empty': firstEmpty === 'phone' })}
          {field('email', email, setEmail, 'email')}
          {field('zip', zip, setZip, 'text', {
            inputMode: 'numeric',
            pattern: '[0-9]{5}(-[0-9]{4})?',
            'data-first-empty': firstEmpty === 'zip',
          })}
        </div>
        {known.length > 0 && (
          <div className="notice" role="status">
            <p>{t('checkin.alreadyOnRoster')}</p>
            <ul className="plain">
              {known.map((m) => (
                <li key={m.id}>
                  <button type="button" onClick={() => onExisting(m)}>
                    {t('checkin.checkInInstead', { name: displayName(m) })}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        <fieldset>
          <legend>{t('checkin.consentLegend')}</legend>
          <p className="hint">{t('checkin.consentHint')}</p>
          <label className="check">
            <Input type="checkbox" checked={mayCall} onChange={(e) => setMayCall(e.target.checked)} />
            {t('checkin.mayCall')}
          </label>
          <label className="check">
            <Input type="checkbox" checked={mayText} onChange={(e) => setMayText(e.target.checked)} />
            {t('checkin.mayText')}
          </label>
        </fieldset>
        <ErrorText error={error} />
        <div className="actions">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('checkin.walkInSubmit')}
          </button>
        </div>
      </Form>
    </dialog>
  );
}
