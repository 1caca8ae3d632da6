/**
 * "Connect to an address": host and port typed by hand, for networks where
 * finding each other nearby (multicast) does not work. Checks the text and
 * says plainly when it is not an address; hands a parsed one on.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseAddress } from '../../sync/address';
import type { Address } from '../../sync/network';
import { Form, Input } from '../../components/fields';

interface Props {
  readonly label: string;
  readonly submitLabel: string;
  readonly disabled?: boolean;
  onAddress(address: Address): void;
}

export function AddressForm({ label, submitLabel, disabled, onAddress }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [address, setAddress] = useState('');
  const [invalid, setInvalid] = useState(false);

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseAddress(address);
    setInvalid(!parsed);
    if (parsed) onAddress(parsed);
  }

  return (
    <>
      <Form className="inline-row" onSubmit={submit}>
        <label htmlFor={`${id}-addr`}>{label}</label>
        <Input
          id={`${id}-addr`}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          placeholder="192.168.1.20:41234"
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-addr-err` : undefined}
        />
        <button type="submit" disabled={disabled}>
          {submitLabel}
        </button>
      </Form>
      {invalid && (
        <p id={`${id}-addr-err`} role="alert" className="error">
          {t('sharing.badAddress')}
        </p>
      )}
    </>
  );
}
