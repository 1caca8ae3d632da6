/**
 * What the national list says about a member that has no field of its own on
 * the form: kept columns (congressional district, race, new columns), the
 * member's own words about their union, and the emails national used before.
 * Read-only: the next weekly file sets them again.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../../shared/model/member';

export function ExtraFields({ member }: { member: Member }) {
  const { t } = useTranslation();
  const id = useId();
  const rows: [string, string][] = [];
  if (member.unionAnswer) rows.push([t('member.national.unionAnswer'), member.unionAnswer]);
  for (const [key, value] of Object.entries(member.extra ?? {}))
    rows.push([t(`member.national.key.${key}`, { defaultValue: t('member.national.column', { column: key }) }), value]);
  if (member.emailHistory.length) rows.push([t('member.national.emailHistory'), member.emailHistory.join(', ')]);
  if (rows.length === 0) return null;
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('member.national.title')}</h2>
      <dl className="extra-fields">
        {rows.map(([label, value], i) => (
          <div key={i}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
