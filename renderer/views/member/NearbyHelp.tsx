/**
 * "Who nearby can help": for each of this member's needs, the members in the same region or a
 * region next to it with a resource or skill the chapter's catalogue says meets it
 * (shared/model/help.ts). Shown only for members with needs.
 */
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { whoCanHelp } from '../../../shared/model/help';
import { displayName, type Member } from '../../../shared/model/member';
import { MemberLink } from '../../components/MemberLink';
import { useCatalogue, useCodeLabel } from '../../app/useCatalogue';
import { useRecords } from '../../app/useRecords';
import { useMembers } from '../../app/useRoster';
import { useMemberSkills, useNeighbors, useRegions } from '../places/hooks';
import { useCentroids } from '../places/useGeo';

/** Enough to plan a call or a ride; the roster has the rest. */
const SHOWN = 8;

/** Nothing for a member with no needs (nor the ZIP table loaded for them). */
export function NearbyHelp({ member }: { readonly member: Member }) {
  return member.needs.length ? <Helpers member={member} /> : null;
}

function Helpers({ member }: { readonly member: Member }) {
  const { t } = useTranslation();
  const id = useId();
  const label = useCodeLabel();
  const members = useMembers();
  const regions = useRegions();
  const memberSkills = useMemberSkills();
  const needs = useCatalogue('need');
  const neighbors = useNeighbors(regions, useCentroids());
  const skillNames = useRecords((d) => new Map(d.skills.all().map((s) => [s.id, s.name])), [], 'skills');
  const help = useMemo(
    () => whoCanHelp(member, members, memberSkills, needs, neighbors),
    [member, members, memberSkills, needs, neighbors],
  );
  const regionName = new Map(regions.map((r) => [r.id, r.name]));

  return (
    <section aria-labelledby={`${id}-h`} className="panel nearby-help" data-testid="nearby-help">
      <h2 id={`${id}-h`}>{t('member.help.title')}</h2>
      <p className="hint">
        {member.regionId
          ? t('member.help.where', { name: regionName.get(member.regionId) ?? '' })
          : t('member.help.whereZip', { zip: member.zip ?? '—' })}
      </p>
      {help.map((h) => (
        <div key={h.need} className="need-help">
          <h3>{label('need', h.need)}</h3>
          {!h.matchable ? (
            <p className="hint">{t('member.help.unmatched')}</p>
          ) : h.helpers.length === 0 ? (
            <p className="hint">{t('member.help.nobody')}</p>
          ) : (
            <>
              <ul className="plain">
                {h.helpers.slice(0, SHOWN).map((x) => (
                  <li key={x.member.id}>
                    <MemberLink memberId={x.member.id}>{displayName(x.member)}</MemberLink>{' '}
                    <span className="hint">
                      {[
                        x.sameRegion
                          ? t('member.help.sameRegion')
                          : t('member.help.nextDoor', { name: regionName.get(x.member.regionId ?? '') ?? '' }),
                        ...x.resources.map((r) => label('resource', r)),
                        ...x.skillIds.map((s) => skillNames.get(s) ?? ''),
                      ].join(' · ')}
                    </span>
                    {/* The member's consent travels with their name: a helper who asked not to be called says so here too. */}
                    {x.member.doNotCall && <span className="badge">{t('consent.doNotCallShort')}</span>}
                    {x.member.textOptOut && <span className="badge">{t('consent.noTextsShort')}</span>}
                  </li>
                ))}
              </ul>
              {h.helpers.length > SHOWN && (
                <p className="hint">{t('member.help.more', { count: h.helpers.length - SHOWN })}</p>
              )}
            </>
          )}
        </div>
      ))}
    </section>
  );
}
