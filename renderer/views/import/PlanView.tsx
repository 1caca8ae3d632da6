/**
 * The import plan, before anything is written: counts, warnings about the file,
 * consent waiting for the organizer, new columns, then each list in plain words.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DroppedOff, ImportPlan, PlannedChange, RowProblem } from '../../../shared/csv';
import { useLabels } from '../../app/useLabels';
import { ColumnMapping } from './ColumnMapping';
import { ConsentReview } from './ConsentReview';
import { fieldLabel } from './field-label';
import { PlanNotices } from './PlanNotices';

/** Longest list drawn at once: a first import lists 10,000 names, which nobody reads one by one. */
const SHOWN = 200;

interface Props {
  readonly plan: ImportPlan;
  /** Loosened consent the organizer ticked (`consentKey`). */
  readonly accepted: ReadonlySet<string>;
  readonly onAcceptedChange: (accepted: Set<string>) => void;
  /** The organizer chose a field for a new column (undefined: keep it as its own column). */
  readonly onMapColumn: (header: string, column: string | undefined) => void;
  readonly busy: boolean;
}

export function PlanView({ plan, accepted, onAcceptedChange, onMapColumn, busy }: Props) {
  const { t } = useTranslation();
  const label = useLabels();
  const counts = [
    ['created', plan.created.length],
    ['changed', plan.changed.length],
    ['lapsed', plan.newlyLapsed.length],
    ['loosened', plan.loosened.length],
    ['droppedOff', plan.droppedOff.length],
    ['unchanged', plan.unchanged],
    ['problems', plan.problems.length],
  ] as const;
  const dropped = (d: DroppedOff) =>
    d.membershipStatus ? `${d.name} (${label('membershipStatus', d.membershipStatus)})` : d.name;
  return (
    <>
      <ul className="plain">
        {counts.map(([key, count]) => (
          <li key={key}>{t(`import.count.${key}`, { count })}</li>
        ))}
      </ul>
      <PlanNotices plan={plan} />
      <ConsentReview plan={plan} accepted={accepted} onChange={onAcceptedChange} disabled={busy} />
      <ColumnMapping plan={plan} onMap={onMapColumn} disabled={busy} />
      <Section title={t('import.list.created')} items={plan.created} render={(c) => c.name} rowOf={(c) => c.row} />
      <Section
        title={t('import.list.changed')}
        items={plan.changed}
        render={(c) => <ChangeLine change={c} />}
        rowOf={(c) => c.row}
      />
      <Section title={t('import.list.lapsed')} items={plan.newlyLapsed} render={(c) => c.name} rowOf={(c) => c.row} />
      <Section
        title={t('import.list.droppedOff')}
        hint={t('import.droppedOffHint')}
        items={plan.droppedOff}
        render={dropped}
      />
      <Section
        title={t('import.list.problems')}
        items={plan.problems}
        render={(p) => <ProblemLine problem={p} />}
        rowOf={(p) => p.row}
      />
    </>
  );
}

function Section<T>({
  title,
  hint,
  items,
  render,
  rowOf,
}: {
  title: string;
  hint?: string;
  items: readonly T[];
  render: (item: T) => ReactNode;
  rowOf?: (item: T) => number;
}) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  if (items.length === 0) return null;
  const shown = all ? items : items.slice(0, SHOWN);
  return (
    <details className="panel">
      <summary>
        {title} ({items.length})
      </summary>
      {hint && <p className="hint">{hint}</p>}
      <ul>
        {shown.map((item, i) => (
          <li key={i}>
            {rowOf && <span className="hint">{t('import.row', { row: rowOf(item) })} </span>}
            {render(item)}
          </li>
        ))}
      </ul>
      {shown.length < items.length && (
        <p className="inline-row">
          <span className="hint">{t('import.more', { count: items.length - SHOWN })}</span>
          <button type="button" onClick={() => setAll(true)}>
            {t('import.showAll', { count: items.length })}
          </button>
        </p>
      )}
    </details>
  );
}

function ChangeLine({ change }: { change: PlannedChange }) {
  const { t } = useTranslation();
  const fields = change.fields.map((f) => fieldLabel(t, f)).join(', ');
  return (
    <>
      {change.name}: {fields}
      {change.matchedBy === 'email' && <span className="hint"> ({t('import.matchedByEmail')})</span>}
    </>
  );
}

function ProblemLine({ problem }: { problem: RowProblem }) {
  const { t } = useTranslation();
  return <>{t(`import.issue.${problem.issue}`, { column: fieldLabel(t, problem.column) })}</>;
}
