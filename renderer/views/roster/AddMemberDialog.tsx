import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MEMBERSHIP_STATUSES, type MembershipStatus } from '../../../shared/model/codes';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useModal } from '../../components/useModal';
import { Form, Input, Select, CodeOptions } from '../../components/fields';

/** A quick "new member" form with the essentials; every other field is on the profile. */
export function AddMemberDialog({ onClose }: { onClose: (createdId?: string) => void }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const ref = useModal(true); // shown as a modal while mounted; the owner unmounts it to close
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [zip, setZip] = useState('');
  const [status, setStatus] = useState<MembershipStatus | ''>('');
  const [error, setError] = useState<unknown>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    try {
      const created = data.members.create({
        firstName: firstName.trim(),
        lastName: lastName.trim() || undefined,
        emails: email.trim() ? [email.trim()] : [],
        phones: phone.trim() ? [phone.trim()] : [],
        zip: zip.trim() || undefined,
        membershipStatus: status || undefined,
      });
      onClose(created);
    } catch (err) {
      setError(err);
    }
  }

  const field = (key: string, value: string, set: (v: string) => void, type = 'text', required = false) => (
    <>
      <label htmlFor={`${id}-${key}`}>
        {t(`member.field.${key}`)}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <Input id={`${id}-${key}`} type={type} value={value} onChange={(e) => set(e.target.value)} required={required} />
    </>
  );

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-h`} onCancel={() => onClose()}>
      <Form onSubmit={submit} className="form-grid">
        <h2 id={`${id}-h`}>{t('roster.addTitle')}</h2>
        {field('firstName', firstName, setFirstName, 'text', true)}
        {field('lastName', lastName, setLastName)}
        {field('email', email, setEmail, 'email')}
        {field('phone', phone, setPhone, 'tel')}
        {field('zip', zip, setZip)}
        <label htmlFor={`${id}-status`}>{t('member.field.membershipStatus')}</label>
        <Select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as MembershipStatus | '')}>
          <option value="">{t('common.notSet')}</option>
          <CodeOptions kind="membershipStatus" codes={MEMBERSHIP_STATUSES} />
        </Select>
        <ErrorText error={error} />
        <div className="actions">
          <button type="button" onClick={() => onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
        </div>
      </Form>
    </dialog>
  );
}
