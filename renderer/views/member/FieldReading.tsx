/** One field as the profile reads it, drawn from its `read` in the field table (member-fields.ts). */
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../shared/model/member';
import { useAssessmentLabel } from '../../app/useAssessmentLabel';
import { useCodeLabel } from '../../app/useCatalogue';
import { useDayFormat } from '../../components/dates';
import type { MemberField } from './member-fields';
import type { ProfileLists } from './useProfileLists';

/** The words of one field, or null when it says nothing (an empty field is left out of the read view). */
export function useFieldWords(): (field: MemberField, member: Member, lists: ProfileLists) => string | null {
  const { t } = useTranslation();
  const codeLabel = useCodeLabel();
  const assessmentLabel = useAssessmentLabel();
  const formatDay = useDayFormat();
  return (field, member, lists) => {
    const value = field.from(member);
    const edit = field.edit;
    switch (field.read) {
      case 'consent':
        return t(`member.consent.${field.key}_${value ? 'yes' : 'no'}`);
      case 'yes':
        return value ? t('member.yes') : null;
      case 'assessment':
        return value ? assessmentLabel(Number(value)) : null;
      case 'day':
        return value ? formatDay(value as string) : null;
      case 'region': {
        // Where the member is placed now, chosen by hand or from the ZIP code.
        const name = lists.regions.find((r) => r.id === member.regionId)?.name;
        if (!name) return null;
        return member.regionByHand ? t('member.regionReadByHand', { name }) : name;
      }
      case 'code':
        return value && edit.kind === 'code' ? codeLabel(edit.label, value as string) : null;
      case 'list': {
        const items = Array.isArray(value) ? value : [];
        if (edit.kind === 'catalogue') return items.map((c) => codeLabel(edit.catalogue, c)).join(', ') || null;
        if (edit.kind === 'groups')
          return (
            items
              .map((g) => lists.groups.find((x) => x.id === g)?.name)
              .filter(Boolean)
              .join(', ') || null
          );
        return (value as string) || null;
      }
      case 'text':
      case 'lines':
        return (value as string) || null;
    }
  };
}

/** The label a field is read under: its own read label when the form's says more (“separate with commas”). */
export function readLabelKey(field: MemberField): string {
  return `member.read.${field.key}`;
}
