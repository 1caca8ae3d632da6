/**
 * One section of a member's profile (name, contact, where…): it reads as sentences-like pairs until the
 * organizer presses its Edit button; then it is a form of the same fields (member-fields.ts). Save
 * writes only the fields this organizer changed, so a concurrent edit of another field by someone else
 * survives. Unsaved edits are guarded: Escape, leaving the view or the space asks first (leave-guard.tsx).
 * Focus goes to the first field on Edit and back to the Edit button on Save or Cancel.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, MemberPatch } from '../../../shared/model/member';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText } from '../../components/ErrorText';
import { StatusLine, useStatusLine } from '../../components/StatusLine';
import { useLeaveGuard } from '../../app/leave-guard';
import { useSpace } from '../../app/SpaceContext';
import { Form } from '../../components/fields';
import { FieldEditor } from './FieldEditor';
import { readLabelKey, useFieldWords } from './FieldReading';
import { changedFields } from './fields';
import { fieldsOf, toDraft, toPatch, type Draft, type SectionKey } from './member-fields';
import type { ProfileLists } from './useProfileLists';

interface Props {
  readonly section: SectionKey;
  readonly member: Member;
  readonly lists: ProfileLists;
  /** More to read under the fields (the engagement section's histories). */
  readonly children?: ReactNode;
}

export function ProfileSection({ section, member, lists, children }: Props) {
  const { t, i18n } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const words = useFieldWords();
  const fields = fieldsOf(section);
  const title = t(`member.group.${section}`);
  /** The values when Edit was pressed, and the values now; null while reading. */
  const [editing, setEditing] = useState<{ readonly initial: Partial<Draft>; readonly draft: Partial<Draft> } | null>(
    null,
  );
  const [error, setError] = useState<unknown>(null);
  const status = useStatusLine();
  const [askDiscard, setAskDiscard] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const dirty = editing !== null && JSON.stringify(editing.draft) !== JSON.stringify(editing.initial);
  useLeaveGuard(dirty);

  // Focus the first field when the form opens, not on every keystroke of the draft.
  const isEditing = editing !== null;
  useEffect(() => {
    if (isEditing) form.current?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }, [isEditing]);

  const startEditing = () => {
    const initial = toDraft(member, section);
    setEditing({ initial, draft: initial });
    setError(null);
    status.clear();
  };
  /** `said`: the key of what to say once the form is closed (nothing on Cancel). */
  const stopEditing = (said?: string) => {
    setEditing(null);
    setAskDiscard(false);
    if (said) status.say(said);
    else status.clear();
    requestAnimationFrame(() => editButton.current?.focus());
  };

  function save(e: FormEvent) {
    e.preventDefault();
    if (!editing) return;
    setError(null);
    // What this organizer changed (draft against the values shown when editing began), then only what differs from the record now.
    const mine = changedFields(toPatch(editing.initial, member, section), toPatch(editing.draft, member, section));
    const patch = changedFields(member as MemberPatch, mine);
    try {
      if (Object.keys(patch).length > 0) data.members.update(member.id, patch);
      stopEditing('member.saved');
    } catch (err) {
      setError(err);
    }
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    if (dirty) setAskDiscard(true);
    else stopEditing();
  };

  const shown = fields
    .map((f) => ({ field: f, words: words(f, member, lists) }))
    .filter((r): r is { field: (typeof fields)[number]; words: string } => r.words !== null);
  const labelOf = (key: string, fallback: string) => (i18n.exists(key) ? t(key) : t(fallback));

  return (
    <section className="panel profile-section" aria-labelledby={`${id}-h`} data-section={section}>
      <div className="section-head">
        <h2 id={`${id}-h`}>{title}</h2>
        {!editing && (
          <button type="button" ref={editButton} onClick={startEditing}>
            {t('common.edit')}
            <span className="visually-hidden"> {title}</span>
          </button>
        )}
      </div>
      {editing ? (
        <Form ref={form} onSubmit={save} onKeyDown={onKeyDown} className="member-form" aria-labelledby={`${id}-h`}>
          {fields.map((f) => (
            <FieldEditor
              key={f.key}
              field={f}
              draft={editing.draft}
              member={member}
              lists={lists}
              id={id}
              onChange={(values) => setEditing((now) => now && { ...now, draft: { ...now.draft, ...values } })}
            />
          ))}
          <ErrorText error={error} />
          <div className="actions">
            <button type="submit" className="primary">
              {t('common.save')}
            </button>
            <button type="button" onClick={() => stopEditing()}>
              {t('common.cancel')}
            </button>
          </div>
        </Form>
      ) : shown.length === 0 ? (
        <p className="hint">{t('member.nothingYet')}</p>
      ) : (
        <dl className="profile-fields">
          {shown.map(({ field, words: said }) => (
            <div key={field.key} data-field={field.key}>
              <dt>{labelOf(readLabelKey(field), field.label)}</dt>
              <dd className={field.read === 'lines' ? 'lines' : undefined}>{said}</dd>
            </div>
          ))}
        </dl>
      )}
      {children}
      <StatusLine said={status.said} className="hint" />
      {/* Mounted only when asked: one section's question is never found among the others'. */}
      {askDiscard && (
        <ConfirmDialog
          open
          title={t('member.discard.title')}
          message={t('member.discard.message', { title })}
          confirmLabel={t('member.discard.confirm')}
          onCancel={() => setAskDiscard(false)}
          onConfirm={() => stopEditing()}
        />
      )}
    </section>
  );
}
