import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayName, type Member } from '../../../shared/model/member';
import type { MemberSkill, Skill } from '../../../shared/model/skill';
import { whoCanTeach } from '../../../shared/model/skill-queries';

import { useRecords } from '../../app/useRecords';
import { MemberLink } from '../../components/MemberLink';
import { Select } from '../../components/fields';

interface Props {
  readonly skills: readonly Skill[];
  readonly members: readonly Member[];
  readonly memberSkills: readonly MemberSkill[];
}

/** "Who can teach X in region Y". */
export function WhoCanTeach({ skills, members, memberSkills }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [skillId, setSkillId] = useState('');
  const [regionId, setRegionId] = useState('');
  const regions = useRecords((data) => data.regions.all().sort((a, b) => a.name.localeCompare(b.name)), [], 'regions');
  const teachers = useMemo(
    () => (skillId ? whoCanTeach(members, memberSkills, skillId, { regionId: regionId || undefined }) : []),
    [members, memberSkills, skillId, regionId],
  );

  return (
    <section aria-labelledby={`${id}-h`} className="panel">
      <h2 id={`${id}-h`}>{t('skills.whoCanTeach')}</h2>
      <div className="inline-row">
        <label htmlFor={`${id}-s`}>{t('skills.skill')}</label>
        <Select id={`${id}-s`} value={skillId} onChange={(e) => setSkillId(e.target.value)}>
          <option value="">{t('skills.choose')}</option>
          {skills.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
        <label htmlFor={`${id}-r`}>{t('roster.filter.region')}</label>
        <Select id={`${id}-r`} value={regionId} onChange={(e) => setRegionId(e.target.value)}>
          <option value="">{t('roster.any')}</option>
          {regions.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </Select>
      </div>
      {skillId &&
        (teachers.length === 0 ? (
          <p className="hint">{t('skills.noTeachers')}</p>
        ) : (
          <ul className="plain" data-testid="teachers">
            {teachers.slice(0, 200).map((m) => (
              <li key={m.id}>
                <MemberLink memberId={m.id}>{displayName(m)}</MemberLink>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
