import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import type { SpaceSummary, UnlockedVault } from '../../vault';
import { AcceptInvite } from '../sharing/AcceptInvite';
import { Form, Input } from '../../components/fields';
import { useRemovedSpaces } from '../../app/problems';
import { spaceLabels } from '../../components/space-names';

interface Props {
  readonly vault: UnlockedVault;
  readonly spaces: readonly SpaceSummary[];
  readonly onCreated: (space: SpaceSummary) => Promise<void>;
  /** Opens a space (one just joined with an invite code) at its roster. */
  readonly onOpenSpace?: (space: string) => void;
}

/** The spaces this device belongs to; create one (e.g. a working group with fewer organizers), or join one with an invite code. */
export function Spaces({ vault, spaces, onCreated, onOpenSpace }: Props) {
  const { t } = useTranslation();
  const { spaceId } = useSpace();
  const id = useId();
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(null);
  const removed = useRemovedSpaces(vault.engine, spaces);
  const labels = spaceLabels(spaces, t);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const created = await vault.createSpace(name.trim());
      setName('');
      await onCreated(created);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="view" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {t('spaces.title')}
      </h1>
      <p>{t('spaces.intro')}</p>
      <ul className="plain spaces">
        {spaces.map((s) => (
          <li key={s.id}>
            {labels.get(s.id)}
            {s.id === spaceId && <span className="badge neutral">{t('spaces.current')}</span>}
            {removed.has(s.id) && <span className="badge">{t('spaces.removed')}</span>}
          </li>
        ))}
      </ul>
      <Form className="inline-row panel" onSubmit={create}>
        <label htmlFor={`${id}-n`}>{t('spaces.name')}</label>
        <Input id={`${id}-n`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        <button type="submit">{t('spaces.create')}</button>
      </Form>
      <ErrorText error={error} />
      <AcceptInvite onOpenSpace={onOpenSpace} />
    </section>
  );
}
