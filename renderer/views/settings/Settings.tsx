import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/ErrorText';
import { ThemeSwitcher } from '../../app/ThemeSwitcher';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { IDLE_CHOICES } from '../../app/preferences';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { Select } from '../../components/fields';
import type { BackupSettings, UnlockedVault } from '../../vault';
import { BackupsPanel } from './BackupsPanel';
import { ErasePanel } from './ErasePanel';
import { FieldTiersPanel } from './FieldTiersPanel';
import { PassphraseChange } from './PassphraseChange';
import { SAMPLE_NOTES, useSampleChapter } from './sample';

const SAMPLE_SIZES = [100, 1000, 10000] as const;

interface Props {
  readonly idleMinutes: number;
  readonly onIdleMinutes: (minutes: number) => void;
  readonly vault: UnlockedVault;
  readonly backups: BackupSettings | null;
  /** A new master key: the app covers the screen, writes it, then locks (PassphraseChange). */
  readonly onMasterKeyChange: (apply: () => Promise<void>) => void;
  /** Erase the vault on this computer (confirmed in ErasePanel). */
  readonly onErase: () => void;
}

export function Settings({ idleMinutes, onIdleMinutes, vault, backups, onMasterKeyChange, onErase }: Props) {
  const { t } = useTranslation();
  const { data, deviceId } = useSpace();
  const id = useId();
  const [size, setSize] = useState<number>(1000);
  const [notesPerMember, setNotesPerMember] = useState<number>(SAMPLE_NOTES[0]);
  const sample = useSampleChapter();
  const { busy, error, progress } = sample;
  /** How many members the last sample chapter made (its line is worded when drawn, in the language of the moment). */
  const [made, setMade] = useState<number | null>(null);
  const empty = useRecords((data) => data.members.size === 0, [], 'members');

  async function generate() {
    setMade(null);
    const sampled = await sample.create(data, size, notesPerMember);
    if (sampled?.complete) setMade(sampled.members);
  }

  return (
    <section className="view" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {t('settings.title')}
      </h1>
      <section className="panel" aria-labelledby={`${id}-lock`}>
        <h2 id={`${id}-lock`}>{t('settings.security')}</h2>
        <label htmlFor={`${id}-idle`}>{t('settings.idle')}</label>
        <Select id={`${id}-idle`} value={idleMinutes} onChange={(e) => onIdleMinutes(Number(e.target.value))}>
          {IDLE_CHOICES.map((m) => (
            <option key={m} value={m}>
              {t('settings.minutes', { count: m })}
            </option>
          ))}
        </Select>
        <p className="hint">{t('settings.idleHint')}</p>
        <p>
          {t('settings.device')}: <code className="device-id">{deviceId}</code>
        </p>
      </section>
      <FieldTiersPanel />
      <PassphraseChange vault={vault} onMasterKeyChange={onMasterKeyChange} />
      <BackupsPanel backups={backups} flush={() => vault.flush()} />
      <ErasePanel backups={backups} onErase={onErase} />
      <section className="panel" aria-labelledby={`${id}-lang`}>
        <h2 id={`${id}-lang`}>{t('settings.languageTitle')}</h2>
        <div className="stack">
          <LanguageSwitcher />
          <ThemeSwitcher />
        </div>
      </section>
      <section className="panel" aria-labelledby={`${id}-sample`}>
        <h2 id={`${id}-sample`}>{t('settings.sampleTitle')}</h2>
        <p>{t('settings.sampleIntro')}</p>
        <label htmlFor={`${id}-size`}>{t('settings.sampleSize')}</label>
        <Select id={`${id}-size`} value={size} onChange={(e) => setSize(Number(e.target.value))}>
          {SAMPLE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </Select>
        <label htmlFor={`${id}-notes`}>{t('settings.sampleNotes')}</label>
        <Select id={`${id}-notes`} value={notesPerMember} onChange={(e) => setNotesPerMember(Number(e.target.value))}>
          {SAMPLE_NOTES.map((n) => (
            <option key={n} value={n}>
              {t(`settings.sampleNotesPer.${n === 5 ? 'many' : 'few'}`)}
            </option>
          ))}
        </Select>
        <button type="button" onClick={() => void generate()} disabled={!empty || busy} aria-busy={busy}>
          {busy ? t('settings.sampleWorking') : t('settings.sampleCreate')}
        </button>
        {!empty && !busy && <p className="hint">{t('settings.sampleOnlyEmpty')}</p>}
        <p role="status">
          {progress
            ? t('settings.sampleProgress', { done: progress.members, count: progress.of })
            : busy
              ? t('settings.sampleStarting')
              : made !== null && t('settings.sampleDone', { count: made })}
        </p>
        {progress && (
          <progress max={progress.of || 1} value={progress.members} aria-label={t('settings.sampleProgressLabel')} />
        )}
        <ErrorText error={error} />
      </section>
    </section>
  );
}
