/** A group's details: name, kind, what it does, when and where it meets, how to reach it, its region. */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GROUP_KINDS, type GroupKind } from '../../../shared/model/codes';
import type { Group } from '../../../shared/model/group';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { Field, Form, Input, Select, TextArea, RecordSelect, CodeOptions } from '../../components/fields';

export function GroupDetails({ group }: { group: Group }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const [name, setName] = useState(group.name);
  const [kind, setKind] = useState<GroupKind>(group.kind);
  const [description, setDescription] = useState(group.description ?? '');
  const [meets, setMeets] = useState(group.meets ?? '');
  const [contactEmail, setContactEmail] = useState(group.contactEmail ?? '');
  const [regionId, setRegionId] = useState(group.regionId ?? '');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const regions = useRecords((data) => data.regions.all().sort((a, b) => a.name.localeCompare(b.name)), [], 'regions');

  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      data.groups.update(group.id, {
        name: name.trim(),
        kind,
        description: description.trim() || undefined,
        meets: meets.trim() || undefined,
        contactEmail: contactEmail.trim() || undefined,
        regionId: regionId || undefined,
      });
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  }
  const input = (key: string, value: string, set: (v: string) => void, type = 'text', required = false) => (
    <Field label={t(`groups.field.${key}`)}>
      {(c) => (
        <Input
          {...c}
          type={type}
          value={value}
          required={required}
          onChange={(e) => {
            setSaved(false);
            set(e.target.value);
          }}
        />
      )}
    </Field>
  );

  return (
    <Form className="panel" onSubmit={submit} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('groups.details')}</h2>
      <div className="form-columns">
        {input('name', name, setName, 'text', true)}
        <Field label={t('groups.field.kind')}>
          {(c) => (
            <Select {...c} value={kind} onChange={(e) => setKind(e.target.value as GroupKind)}>
              <CodeOptions kind="groupKind" codes={GROUP_KINDS} />
            </Select>
          )}
        </Field>
        {input('meets', meets, setMeets)}
        {input('contactEmail', contactEmail, setContactEmail, 'email')}
        <RecordSelect
          label={t('meetings.field.region')}
          value={regionId}
          onChange={setRegionId}
          records={regions}
          none={t('meetings.allRegions')}
        />
      </div>
      <Field label={t('groups.field.description')} layout="block">
        {(c) => (
          <TextArea
            {...c}
            rows={3}
            value={description}
            onChange={(e) => {
              setSaved(false);
              setDescription(e.target.value);
            }}
          />
        )}
      </Field>
      <ErrorText error={error} />
      <div className="actions">
        <button type="submit">{t('common.save')}</button>
        <span role="status" className="hint">
          {saved ? t('groups.saved') : ''}
        </span>
      </div>
    </Form>
  );
}
