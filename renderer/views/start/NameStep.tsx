/** First run, step 1: the chapter's name, as this device shows the space (the vault's own, sealed name). */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useBusyAction } from '../../components/useBusyAction';
import { Form, Input } from '../../components/fields';
import type { SpaceSummary, UnlockedVault } from '../../vault';

interface Props {
  readonly vault: UnlockedVault;
  readonly spaces: readonly SpaceSummary[];
  readonly onSaved: () => Promise<void>;
  readonly onNext: () => void;
}

export function NameStep({ vault, spaces, onSaved, onNext }: Props) {
  const { t } = useTranslation();
  const { spaceId } = useSpace();
  const id = useId();
  const [name, setName] = useState(() => spaces.find((s) => s.id === spaceId)?.name ?? '');
  const { busy, error, run } = useBusyAction();

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await vault.renameSpace(spaceId, name.trim());
      await onSaved();
      onNext();
    });
  };

  return (
    <Form onSubmit={save} aria-labelledby={`${id}-l`}>
      <p id={`${id}-l`}>{t('start.name.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-n`}>{t('start.name.label')}</label>
        <Input
          id={`${id}-n`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={200}
          aria-describedby={`${id}-h`}
        />
        <p id={`${id}-h`} className="hint">
          {t('start.name.hint')}
        </p>
      </div>
      <ErrorText error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('start.name.save')}
        </button>
        <button type="button" onClick={onNext} disabled={busy}>
          {t('start.skip')}
        </button>
      </div>
    </Form>
  );
}
