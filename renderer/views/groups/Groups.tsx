/** Working groups, committees, caucuses and branches: each with its members, leads and when it meets; a new one. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_KINDS, type GroupKind } from '../../../shared/model/codes';
import { displayName } from '../../../shared/model/member';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { today } from '../../app/today';
import { useLabels } from '../../app/useLabels';
import { useMembers } from '../../app/useRoster';
import { groupLeadsNow } from '../../../shared/model/groups';
import { Form, Input, Select, CodeOptions } from '../../components/fields';

export function Groups() {
  const { t } = useTranslation();
  const { data, navigate } = useSpace();
  const label = useLabels();
  const id = useId();
  const members = useMembers();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<GroupKind>('working_group');
  const [error, setError] = useState<unknown>(null);
  const groups = useRecords(
    (data) => {
      const counts = new Map<string, number>();
      for (const m of members) for (const g of m.groupIds) counts.set(g, (counts.get(g) ?? 0) + 1);
      const roles = data.roles.all();
      return data.groups
        .all()
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((g) => ({
          group: g,
          count: counts.get(g.id) ?? 0,
          leads: groupLeadsNow(roles, g.id, today())
            .map((v) => data.members.get(v.role.holderId))
            .filter((m) => m !== undefined)
            .map(displayName),
        }));
    },
    [members],
    ['groups', 'roles', 'members'],
  );

  function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const groupId = data.groups.create({ name: name.trim(), kind });
      navigate({ view: 'group', groupId });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="view" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {t('groups.title')}
      </h1>
      <Form className="inline-row panel" onSubmit={add} aria-label={t('groups.add')}>
        <label htmlFor={`${id}-name`}>{t('groups.field.name')}</label>
        <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        <label htmlFor={`${id}-kind`}>{t('groups.field.kind')}</label>
        <Select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as GroupKind)}>
          <CodeOptions kind="groupKind" codes={GROUP_KINDS} />
        </Select>
        <button type="submit">{t('groups.add')}</button>
        <ErrorText error={error} />
      </Form>
      {groups.length === 0 ? (
        <div className="empty">
          <p>{t('groups.empty')}</p>
        </div>
      ) : (
        <table className="table" data-testid="groups">
          <caption className="visually-hidden">{t('groups.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('groups.field.name')}</th>
              <th scope="col">{t('groups.field.kind')}</th>
              <th scope="col">{t('groups.column.members')}</th>
              <th scope="col">{t('groups.column.leads')}</th>
              <th scope="col">{t('groups.field.meets')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map(({ group: g, count, leads }) => (
              <tr key={g.id}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => navigate({ view: 'group', groupId: g.id })}>
                    {g.name}
                  </button>
                </th>
                <td>{label('groupKind', g.kind)}</td>
                <td>{count}</td>
                <td>{leads.join(', ') || <span className="hint">{t('groups.noLeads')}</span>}</td>
                <td>{g.meets ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
