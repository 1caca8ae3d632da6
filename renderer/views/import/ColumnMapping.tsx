/**
 * Columns of the file the app does not know, or that the chapter mapped: each
 * can be kept as its own column (shown on the member's profile) or read into a
 * member field. The choice is a setting of the space (shared/model
 * import-settings.ts), so every organizer's next import reads it the same way.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldColumn, ImportPlan } from '../../../shared/csv';
import { Select } from '../../components/fields';

/** The fields a new column may be read into, in the order the list offers them. */
export const MAPPABLE_COLUMNS = [
  'first_name',
  'last_name',
  'email',
  'mobile_phone',
  'home_phone',
  'work_phone',
  'address1',
  'address2',
  'city',
  'state',
  'zip',
  'do_not_call',
  'p2ptext_optout',
  'mailing_pref',
  'join_date',
  'xdate',
  'membership_status',
  'membership_type',
  'union_member',
  'union_name',
  'union_local',
  'student',
] as const satisfies readonly FieldColumn[];

interface Props {
  readonly plan: ImportPlan;
  readonly onMap: (header: string, column: string | undefined) => void;
  readonly disabled: boolean;
}

export function ColumnMapping({ plan, onMap, disabled }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const columns = [
    ...plan.chosenColumns.map((c) => ({ header: c.header, column: c.column as string })),
    ...plan.unknownColumns.map((header) => ({ header, column: '' })),
  ];
  if (columns.length === 0) return null;
  // A field another header of this file already fills is not offered: that header would be read instead.
  const filled = new Set(plan.list.headers.flatMap((h) => (h.kind === 'field' && !h.chosen ? [h.column] : [])));
  const targets = MAPPABLE_COLUMNS.filter((c) => !filled.has(c));
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('import.columns.title')}</h3>
      <p className="hint">{t('import.columns.hint')}</p>
      {columns.map(({ header, column }, i) => (
        <div key={`${header}-${i}`} className="inline-row">
          <label htmlFor={`${id}-${i}`}>{t('import.columns.label', { column: header || `#${i + 1}` })}</label>
          <Select
            id={`${id}-${i}`}
            value={column}
            disabled={disabled || !header.trim()}
            onChange={(e) => onMap(header, e.target.value || undefined)}
          >
            <option value="">{t('import.columns.keep')}</option>
            {targets.map((c) => (
              <option key={c} value={c}>
                {t(`import.target.${c}`)}
              </option>
            ))}
          </Select>
        </div>
      ))}
    </section>
  );
}
