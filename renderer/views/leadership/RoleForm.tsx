/** Add a term: which role (and for which group or branch), who, from when to when (the end follows the chapter's term length). */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_KINDS, type RoleKind } from '../../../shared/model/codes';
import { displayName, type Member } from '../../../shared/model/member';
import { termEndAfter } from '../../../shared/model/role';
import { ErrorText } from '../../components/ErrorText';
import { StatusLine, useStatusLine } from '../../components/StatusLine';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { today } from '../../app/today';
import { MemberPicker } from '../../components/MemberPicker';
import { useTermLimits } from './useRoles';
import { Field, Form, Input, Select, RecordSelect, CodeOptions } from '../../components/fields';
import { DateField } from '../../components/DateField';

export function RoleForm({ groupId: fixedGroup }: { groupId?: string }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const limits = useTermLimits();
  const [role, setRole] = useState<RoleKind>(fixedGroup ? 'group_lead' : 'co_chair');
  const [title, setTitle] = useState('');
  const [groupId, setGroupId] = useState(fixedGroup ?? '');
  const [branch, setBranch] = useState('');
  const [holder, setHolder] = useState<Member | undefined>();
  const [start, setStart] = useState(today());
  const [end, setEnd] = useState<string | null>(null); // null: follow the term length
  const [error, setError] = useState<unknown>(null);
  const status = useStatusLine();
  const groups = useRecords((data) => data.groups.all().sort((a, b) => a.name.localeCompare(b.name)), [], 'groups');
  const branches = useRecords(
    (data) => [...new Set(data.regions.all().flatMap((r) => (r.branch ? [r.branch] : [])))].sort(),
    [],
    'regions',
  );
  const months = limits[role]?.termMonths;
  const shownEnd = end ?? (months && start ? termEndAfter(start, months) : '');

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!holder) return;
    setError(null);
    try {
      data.roles.create({
        role,
        title: title.trim() || undefined,
        holderId: holder.id,
        groupId: groupId || undefined,
        branch: branch || undefined,
        termStart: start,
        termEnd: shownEnd || undefined,
      });
      status.say('leadership.added', { name: displayName(holder) });
      setHolder(undefined);
      setTitle('');
      setEnd(null);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Form className="panel" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('leadership.addTitle')}</h2>
      <div className="form-columns">
        <Field label={t('roles.role')}>
          {(c) => (
            <Select {...c} value={role} onChange={(e) => setRole(e.target.value as RoleKind)}>
              <CodeOptions kind="roleKind" codes={ROLE_KINDS} />
            </Select>
          )}
        </Field>
        <Field label={t('leadership.field.title')}>
          {(c) => <Input {...c} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />}
        </Field>
        {!fixedGroup && (
          <RecordSelect
            label={t('leadership.field.group')}
            value={groupId}
            onChange={setGroupId}
            records={groups}
            none={t('leadership.chapterWide')}
          />
        )}
        {!fixedGroup && (
          <Field label={t('leadership.field.branch')}>
            {(c) => (
              <Select {...c} value={branch} onChange={(e) => setBranch(e.target.value)}>
                <option value="">{t('leadership.noBranch')}</option>
                {branches.map((b) => (
                  <option key={b} value={b}>
                    {b}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        )}
        <DateField label={t('roles.termStart')} value={start} onChange={setStart} required />
        <DateField label={t('roles.termEnd')} value={shownEnd} onChange={setEnd} />
      </div>
      <MemberPicker
        label={t('leadership.field.holder')}
        onPick={(picked) => {
          setHolder(picked);
          if (picked) status.say('leadership.chosen', { name: displayName(picked) });
          else status.clear();
        }}
      />
      <StatusLine said={status.said} className="hint" />
      <ErrorText error={error} />
      <button type="submit" className="primary" disabled={!holder}>
        {t('roles.add')}
      </button>
    </Form>
  );
}
