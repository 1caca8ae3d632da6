/** The import plan, before anything is written: counts, then each list. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPlan, PlannedChange, RowProblem } from '../../../shared/csv';

/** Longest list drawn at once: a first import lists 10,000 names, which nobody reads one by one. */
const SHOWN = 200;

interface Props {
  readonly plan: ImportPlan;
}

export function PlanView({ plan }: Props) {
  const { t } = useTranslation();
  const counts = [
    ['created', plan.created.length],
    ['changed', plan.changed.length],
    ['lapsed', plan.newlyLapsed.length],
    ['unchanged', plan.unchanged],
    ['problems', plan.problems.length],
  ] as const;
  return (
    <>
      <ul className="plain">
        {counts.map(([key, count]) => (
          <li key={key}>{t(`import.count.${key}`, { count })}</li>
        ))}
      </ul>
      {plan.unknownColumns.length > 0 && (
        <p className="hint">{t('import.unknownColumns', { columns: plan.unknownColumns.join(', ') })}</p>
      )}
      <Section title={t('import.list.created')} items={plan.created} render={(c) => c.name} rowOf={(c) => c.row} />
      <Section
        title={t('import.list.changed')}
        items={plan.changed}
        render={(c) => <ChangeLine change={c} />}
        rowOf={(c) => c.row}
      />
      <Section title={t('import.list.lapsed')} items={plan.newlyLapsed} render={(c) => c.name} rowOf={(c) => c.row} />
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
  items,
  render,
  rowOf,
}: {
  title: string;
  items: readonly T[];
  render: (item: T) => ReactNode;
  rowOf: (item: T) => number;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <details className="panel">
      <summary>
        {title} ({items.length})
      </summary>
      <ul>
        {items.slice(0, SHOWN).map((item, i) => (
          <li key={i}>
            <span className="hint">{t('import.row', { row: rowOf(item) })}</span> {render(item)}
          </li>
        ))}
      </ul>
      {items.length > SHOWN && <p className="hint">{t('import.more', { count: items.length - SHOWN })}</p>}
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

/** A member field in the user's language; a file column or kept column by its own name. */
function fieldLabel(t: (key: string, opts?: Record<string, unknown>) => string, field: string): string {
  if (field.startsWith('extra.')) return t('import.extraField', { column: field.slice('extra.'.length) });
  const key = `member.field.${field === 'address' ? 'addressLines' : field}`;
  const label = t(key);
  return label === key ? field : label;
}
