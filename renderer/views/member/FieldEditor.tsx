/** One field of a section's edit form, drawn from its `edit` in the field table (member-fields.ts). */
import { useTranslation } from 'react-i18next';
import { offeredCodes } from '../../../shared/model/catalogue';
import type { Member } from '../../../shared/model/member';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { useAssessmentLabel } from '../../app/useAssessmentLabel';
import { useCatalogue, useCodeLabel } from '../../app/useCatalogue';
import { Input, Select, TextArea } from '../../components/fields';
import type { DraftValue, MemberField } from './member-fields';
import type { ProfileLists } from './useProfileLists';

interface Props {
  readonly field: MemberField;
  /** The section's draft (a field may depend on another: the branch on the region). */
  readonly draft: Readonly<Record<string, DraftValue>>;
  readonly member: Member;
  readonly lists: ProfileLists;
  /** Prefix of the inputs' ids (the section's). */
  readonly id: string;
  readonly onChange: (values: Readonly<Record<string, DraftValue>>) => void;
}

export function FieldEditor({ field, draft, member, lists, id, onChange }: Props) {
  const { t } = useTranslation();
  const codeLabel = useCodeLabel();
  const assessmentLabel = useAssessmentLabel();
  const catalogues = {
    need: useCatalogue('need'),
    resource: useCatalogue('resource'),
    language: useCatalogue('language'),
  };
  const { key, edit } = field;
  const inputId = `${id}-${key}`;
  const label = t(field.label);
  const value = draft[key];
  const set = (v: DraftValue) => onChange({ [key]: v });
  const options = (list: readonly { value: string; label: string }[], none = t('common.notSet')) => (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <Select id={inputId} value={value as string} onChange={(e) => set(e.target.value)}>
        <option value="">{none}</option>
        {list.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </div>
  );

  switch (edit.kind) {
    case 'text':
    case 'list':
      return (
        <div className="field">
          <label htmlFor={inputId}>{label}</label>
          <Input
            id={inputId}
            type={edit.kind === 'text' ? (edit.type ?? 'text') : 'text'}
            required={edit.kind === 'text' && edit.required}
            value={value as string}
            onChange={(e) => set(e.target.value)}
          />
        </div>
      );
    case 'lines':
      return (
        <div className="field">
          <label htmlFor={inputId}>{label}</label>
          <TextArea id={inputId} rows={2} value={value as string} onChange={(e) => set(e.target.value)} />
        </div>
      );
    case 'check':
      return (
        <label className="check">
          <Input type="checkbox" checked={value as boolean} onChange={(e) => set(e.target.checked)} />
          {label}
        </label>
      );
    case 'code':
      return options(edit.codes.map((c) => ({ value: c, label: codeLabel(edit.label, c) })));
    case 'assessment':
      return options(['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: assessmentLabel(Number(v), true) })));
    case 'catalogue':
      return (
        <CheckboxGroup
          legend={label}
          options={offeredCodes(catalogues[edit.catalogue], value as string[]).map((c) => ({
            value: c,
            label: codeLabel(edit.catalogue, c),
          }))}
          selected={value as string[]}
          onChange={set}
        />
      );
    case 'groups':
      return (
        <CheckboxGroup
          legend={label}
          options={lists.groups.map((g) => ({ value: g.id, label: g.name }))}
          selected={value as string[]}
          onChange={set}
        />
      );
    case 'region': {
      const regionName = (rid: string | undefined) => lists.regions.find((r) => r.id === rid)?.name ?? '';
      return (
        <div className="field">
          <label htmlFor={inputId}>{label}</label>
          <Select
            id={inputId}
            value={value as string}
            onChange={(e) =>
              onChange({
                regionId: e.target.value,
                branch: lists.regions.find((r) => r.id === e.target.value)?.branch ?? '',
              })
            }
            aria-describedby={`${inputId}-hint`}
          >
            <option value="">{t('member.regionFromZip')}</option>
            {lists.regions.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </Select>
          <p id={`${inputId}-hint`} className="hint">
            {value
              ? t('member.regionByHand')
              : member.regionId && !member.regionByHand
                ? t('member.regionIs', { name: regionName(member.regionId) })
                : t('member.regionNone')}
          </p>
        </div>
      );
    }
    case 'branch':
      // The branch is typed only for a region chosen by hand; otherwise it comes with the region.
      return draft.regionId ? (
        <div className="field">
          <label htmlFor={inputId}>{label}</label>
          <Input id={inputId} value={value as string} onChange={(e) => set(e.target.value)} />
        </div>
      ) : (
        <p className="field hint">
          {member.branch && !member.regionByHand
            ? t('member.branchFromRegion', { name: member.branch })
            : t('member.branchWithRegion')}
        </p>
      );
  }
}
