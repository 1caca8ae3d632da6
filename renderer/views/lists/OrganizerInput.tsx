/** A text field for an organizer's name, offering the names already used in the space. */
import { useId } from 'react';
import { useOrganizerNames } from './useLists';
import { Input } from '../../components/fields';

interface Props {
  readonly id: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly describedBy?: string;
}

export function OrganizerInput({ id, value, onChange, describedBy }: Props) {
  const names = useOrganizerNames();
  const listId = useId();
  return (
    <>
      <Input
        id={id}
        value={value}
        list={listId}
        maxLength={200}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy}
      />
      <datalist id={listId}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </>
  );
}
