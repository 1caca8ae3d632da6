/**
 * The chapter's own catalogue of needs, resources, languages and tags: the app's lists are where it
 * starts. Add an entry, name it in the chapter's words, retire one the chapter does not use (members
 * who have it keep it), and say which resources and skills meet each need ("who nearby can help").
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codeFromLabel, type CatalogueEntry } from '../../../shared/model/catalogue';
import { CATALOGUE_KINDS, type CatalogueKind } from '../../../shared/model/codes';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { StatusLine, message, useStatusLine, type Message } from '../../components/StatusLine';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { useCatalogue, useCodeLabel } from '../../app/useCatalogue';
import { Input } from '../../components/fields';

export function CatalogueEditor() {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`} className="catalogue">
      <h2 id={`${id}-h`}>{t('places.catalogue.title')}</h2>
      <p className="hint">{t('places.catalogue.intro')}</p>
      {CATALOGUE_KINDS.map((kind) => (
        <KindEditor key={kind} kind={kind} />
      ))}
    </section>
  );
}

function KindEditor({ kind }: { readonly kind: CatalogueKind }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const label = useCodeLabel();
  const entries = useCatalogue(kind);
  const [name, setName] = useState('');
  const status = useStatusLine();
  const save = (code: string, change: Parameters<typeof data.catalogue.save>[2], done?: Message) => {
    try {
      data.catalogue.save(kind, code, change);
      if (done) status.say(done);
    } catch (e) {
      status.fail(e);
    }
  };
  const add = () => {
    const code = codeFromLabel(kind, name);
    if (!code) return;
    save(code, { label: name.trim(), retired: false }, message('places.catalogue.added', { name: name.trim() }));
    setName('');
  };

  return (
    <details className="catalogue-kind">
      <summary>
        {t(`places.catalogue.kind.${kind}`)} ({entries.filter((e) => !e.retired).length})
      </summary>
      <ul>
        {entries.map((e) => (
          <EntryRow key={e.code} entry={e} label={label(kind, e.code)} onSave={(c, m) => save(e.code, c, m)} />
        ))}
      </ul>
      <div className="catalogue-add">
        <label htmlFor={`${id}-new`}>{t(`places.catalogue.add.${kind}`)}</label>
        <Input
          id={`${id}-new`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={60}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" onClick={add} disabled={!codeFromLabel(kind, name)}>
          {t('places.catalogue.addButton')}
        </button>
      </div>
      <StatusLine said={status.said} className="hint" />
    </details>
  );
}

function EntryRow({
  entry,
  label,
  onSave,
}: {
  readonly entry: CatalogueEntry;
  readonly label: string;
  readonly onSave: (
    change: Parameters<ReturnType<typeof useSpace>['data']['catalogue']['save']>[2],
    said?: Message,
  ) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const codeLabel = useCodeLabel();
  const resources = useCatalogue('resource');
  const skills = useRecords((data) => data.skills.all().sort((a, b) => a.name.localeCompare(b.name)), [], 'skills');
  const [rename, setRename] = useState('');
  return (
    <li className={entry.retired ? 'retired' : undefined}>
      <span className="entry-name">{label}</span>
      {entry.builtIn && <span className="hint"> {t('places.catalogue.builtIn')}</span>}{' '}
      <label className="check">
        <Input type="checkbox" checked={entry.retired} onChange={(e) => onSave({ retired: e.target.checked })} />
        {t('places.catalogue.retired')}
        <span className="visually-hidden"> {label}</span>
      </label>{' '}
      <label htmlFor={`${id}-rename`} className="visually-hidden">
        {t('places.catalogue.renameLabel', { name: label })}
      </label>
      <Input
        id={`${id}-rename`}
        className="short"
        value={rename}
        placeholder={t('places.catalogue.renamePlaceholder')}
        onChange={(e) => setRename(e.target.value)}
        maxLength={100}
      />
      <button
        type="button"
        disabled={!rename.trim()}
        onClick={() => {
          onSave({ label: rename }, message('places.catalogue.renamed', { from: label, to: rename.trim() }));
          setRename('');
        }}
      >
        {t('places.branches.rename')}
        <span className="visually-hidden"> {label}</span>
      </button>
      {entry.kind === 'need' && (
        <details className="met-by">
          <summary>
            {t('places.catalogue.metBy', {
              name: label,
              list:
                [
                  ...entry.metBy.map((c) => codeLabel('resource', c)),
                  ...entry.skillIds.map((s) => skills.find((k) => k.id === s)?.name ?? '?'),
                ].join(', ') || t('places.catalogue.nothing'),
            })}
          </summary>
          <CheckboxGroup
            legend={t('places.catalogue.resourcesFor', { name: label })}
            options={resources
              .filter((r) => !r.retired || entry.metBy.includes(r.code))
              .map((r) => ({ value: r.code, label: codeLabel('resource', r.code) }))}
            selected={entry.metBy}
            onChange={(metBy) => onSave({ metBy })}
          />
          <CheckboxGroup
            legend={t('places.catalogue.skillsFor', { name: label })}
            options={skills.map((s) => ({ value: s.id, label: s.name }))}
            selected={entry.skillIds}
            onChange={(skillIds) => onSave({ skillIds })}
          />
        </details>
      )}
    </li>
  );
}
