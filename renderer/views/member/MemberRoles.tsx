import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_KINDS, type RoleKind } from '../../../shared/model/codes';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useLabels } from '../../app/useLabels';
import { useRecords } from '../../app/useRecords';
import { today } from '../../app/today';
import { Form, Select, CodeOptions } from '../../components/fields';
import { DateField } from '../../components/DateField';
import { useDayFormat } from '../../components/dates';

/** Leadership roles the member holds, with their terms, so rotation is visible. */
export function MemberRoles({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const label = useLabels();
  const day = useDayFormat();
  const id = useId();
  const [role, setRole] = useState<RoleKind>('coordinator');
  const [start, setStart] = useState(today());
  const [end, setEnd] = useState('');
  const [error, setError] = useState<unknown>(null);
  const roles = useRecords((d) => d.roles.all().filter((r) => r.holderId === memberId), [memberId], 'roles');

  function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      data.roles.create({ role, holderId: memberId, termStart: start, termEnd: end || undefined });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section aria-labelledby={`${id}-h`} className="panel">
      <h2 id={`${id}-h`}>{t('roles.title')}</h2>
      {roles.length === 0 && <p className="hint">{t('roles.none')}</p>}
      <ul className="plain">
        {roles.map((r) => {
          const seat = r.title ?? label('roleKind', r.role);
          return (
            <li key={r.id}>
              {seat}: {day(r.termStart)} – {r.termEnd ? day(r.termEnd) : t('roles.ongoing')}{' '}
              <button type="button" onClick={() => data.roles.delete(r.id)}>
                {t('common.remove')}
                <span className="visually-hidden"> {seat}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <Form className="inline-row" onSubmit={add}>
        <label htmlFor={`${id}-role`}>{t('roles.role')}</label>
        <Select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as RoleKind)}>
          <CodeOptions kind="roleKind" codes={ROLE_KINDS} />
        </Select>
        <DateField layout="inline" label={t('roles.termStart')} value={start} onChange={setStart} required />
        <DateField layout="inline" label={t('roles.termEnd')} value={end} onChange={setEnd} />
        <button type="submit">{t('roles.add')}</button>
      </Form>
      <ErrorText error={error} />
    </section>
  );
}
