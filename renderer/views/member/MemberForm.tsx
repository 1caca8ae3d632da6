/**
 * Every field of a member, grouped as an organizer thinks of them. Edits are a
 * local draft until Save, which writes only the fields that changed (so a
 * concurrent edit of another field by someone else survives).
 */
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DUES_STATUSES,
  LADDER_STAGES,
  MAILING_PREFERENCES,
  MEMBERSHIP_STATUSES,
  MEMBERSHIP_TYPES,
} from '../../../shared/model/codes';
import type { Member, MemberPatch } from '../../../shared/model/member';
import { CheckboxGroup } from '../../app/CheckboxGroup';
import { ErrorText } from '../../app/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import type { CodeKind } from '../../app/useLabels';
import { useAssessmentLabel } from '../../app/useAssessmentLabel';
import { changedFields } from './fields';
import { placePatch, toDraft, toPatch, type Draft } from './draft';
import { Form, Input, Select, TextArea } from '../../components/fields';
import { useCatalogue, useCodeLabel } from '../../app/useCatalogue';
import { offeredCodes } from '../../../shared/model/catalogue';

export function MemberForm({ member }: { member: Member }) {
  const { t } = useTranslation();
  const { data, revision } = useSpace();
  const label = useCodeLabel();
  const catalogue = {
    need: useCatalogue('need'),
    resource: useCatalogue('resource'),
    language: useCatalogue('language'),
  };
  const assessmentLabel = useAssessmentLabel();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => toDraft(member));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const regions = useMemo(() => data.regions.all(), [data, revision]);
  const groups = useMemo(() => data.groups.all(), [data, revision]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const text = (key: keyof Draft, type = 'text', extra: { required?: boolean } = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`member.field.${key}`)}</label>
      <Input
        id={`${id}-${key}`}
        type={type}
        value={draft[key] as string}
        onChange={(e) => set(key, e.target.value as never)}
        {...extra}
      />
    </div>
  );
  const check = (key: keyof Draft) => (
    <label className="check">
      <Input type="checkbox" checked={draft[key] as boolean} onChange={(e) => set(key, e.target.checked as never)} />
      {t(`member.field.${key}`)}
    </label>
  );
  const select = (key: keyof Draft, options: readonly { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`member.field.${key}`)}</label>
      <Select id={`${id}-${key}`} value={draft[key] as string} onChange={(e) => set(key, e.target.value as never)}>
        <option value="">{t('common.notSet')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </div>
  );
  const codes = (kind: CodeKind, values: readonly string[]) => values.map((v) => ({ value: v, label: label(kind, v) }));
  const multi = (key: 'languages' | 'needs' | 'resources', kind: 'need' | 'resource' | 'language') => (
    <CheckboxGroup
      legend={t(`member.field.${key}`)}
      options={codes(kind, offeredCodes(catalogue[kind], draft[key]))}
      selected={draft[key]}
      onChange={(v) => set(key, v)}
    />
  );
  const group = (key: string, children: ReactNode) => (
    <fieldset className="group">
      <legend>{t(`member.group.${key}`)}</legend>
      {children}
    </fieldset>
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      data.members.update(member.id, {
        ...changedFields(member as MemberPatch, toPatch(draft)),
        ...placePatch(member, draft),
      });
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Form onSubmit={submit} className="member-form" aria-label={t('member.formLabel')}>
      {group(
        'name',
        <>
          {text('firstName', 'text', { required: true })}
          {text('lastName')}
          {text('preferredName')}
          {text('pronouns')}
        </>,
      )}
      {group(
        'contact',
        <>
          {text('emails')}
          {text('phones')}
          <div className="consent">
            {check('doNotCall')}
            {check('textOptOut')}
          </div>
          {select('mailingPreference', codes('mailingPreference', MAILING_PREFERENCES))}
        </>,
      )}
      {group(
        'location',
        <>
          <div className="field">
            <label htmlFor={`${id}-addressLines`}>{t('member.field.addressLines')}</label>
            <TextArea
              id={`${id}-addressLines`}
              rows={2}
              value={draft.addressLines}
              onChange={(e) => set('addressLines', e.target.value)}
            />
          </div>
          {text('city')}
          {text('state')}
          {text('zip')}
          <div className="field">
            <label htmlFor={`${id}-regionId`}>{t('member.field.regionId')}</label>
            <Select
              id={`${id}-regionId`}
              value={draft.regionId}
              onChange={(e) => {
                const chosen = regions.find((r) => r.id === e.target.value);
                set('regionId', e.target.value);
                set('branch', chosen?.branch ?? '');
              }}
              aria-describedby={`${id}-region-hint`}
            >
              <option value="">{t('member.regionFromZip')}</option>
              {regions.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </Select>
            <p id={`${id}-region-hint`} className="hint">
              {draft.regionId
                ? t('member.regionByHand')
                : member.regionId && !member.regionByHand
                  ? t('member.regionIs', { name: regions.find((r) => r.id === member.regionId)?.name ?? '' })
                  : t('member.regionNone')}
            </p>
          </div>
          {draft.regionId ? (
            text('branch')
          ) : (
            <p className="field hint">
              {member.branch && !member.regionByHand
                ? t('member.branchFromRegion', { name: member.branch })
                : t('member.branchWithRegion')}
            </p>
          )}
        </>,
      )}
      {group(
        'membership',
        <>
          {text('actionkitId')}
          {select('membershipStatus', codes('membershipStatus', MEMBERSHIP_STATUSES))}
          {select('membershipType', codes('membershipType', MEMBERSHIP_TYPES))}
          {select('duesStatus', codes('duesStatus', DUES_STATUSES))}
          {text('joinDate', 'date')}
          {text('xdate', 'date')}
          {check('unionMember')}
          {text('unionName')}
          {text('unionLocal')}
          {check('student')}
        </>,
      )}
      {group(
        'engagement',
        <>
          {select('ladderStage', codes('ladderStage', LADDER_STAGES))}
          {select(
            'assessment',
            // The chapter's words for each value, when it has named them (dashboard settings).
            ['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: assessmentLabel(Number(v), true) })),
          )}
          {text('assignedOrganizer')}
        </>,
      )}
      {group(
        'lists',
        <>
          {multi('languages', 'language')}
          {multi('needs', 'need')}
          {multi('resources', 'resource')}
          <CheckboxGroup
            legend={t('member.field.groupIds')}
            options={groups.map((g) => ({ value: g.id, label: g.name }))}
            selected={draft.groupIds}
            onChange={(v) => set('groupIds', v)}
          />
          {text('tags')}
        </>,
      )}
      <ErrorText error={error} />
      <p role="status" className="hint">
        {saved ? t('member.saved') : ''}
      </p>
      <button type="submit" className="primary">
        {t('common.save')}
      </button>
    </Form>
  );
}
