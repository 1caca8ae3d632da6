import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SKILL_CATEGORIES, SKILL_LEVELS, type SkillCategory, type SkillLevel } from '../../../shared/model/codes';
import { skillGaps } from '../../../shared/model/skill-queries';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { useLabels } from '../../app/useLabels';
import { useMembers } from '../../app/useRoster';
import { Trainings } from './Trainings';
import { WhoCanTeach } from './WhoCanTeach';
import { Form, Input, Select, CodeOptions } from '../../components/fields';

/** The skills inventory: catalogue, skills × level matrix, who can teach, gaps. */
export function Skills() {
  const { t } = useTranslation();
  const { data } = useSpace();
  const label = useLabels();
  const id = useId();
  const members = useMembers();
  const [name, setName] = useState('');
  const [category, setCategory] = useState<SkillCategory>('other');
  const [error, setError] = useState<unknown>(null);
  const skills = useRecords((data) => data.skills.all().sort((a, b) => a.name.localeCompare(b.name)), [], 'skills');
  const memberSkills = useRecords((data) => data.memberSkills.all(), [], 'memberSkills');
  const matrix = useMemo(() => {
    const counts = new Map<string, Record<SkillLevel, number>>();
    for (const s of skills) counts.set(s.id, { interested: 0, learning: 0, can_do: 0, can_teach: 0 });
    for (const ms of memberSkills) {
      const c = counts.get(ms.skillId);
      if (c) c[ms.level]++;
    }
    return counts;
  }, [skills, memberSkills]);
  const gaps = useMemo(() => skillGaps(skills, memberSkills, members), [skills, memberSkills, members]);

  function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      data.skills.create({ name: name.trim(), category });
      setName('');
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="view" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`} tabIndex={-1}>
        {t('skills.title')}
      </h1>
      <Form className="inline-row panel" onSubmit={add} aria-label={t('skills.addSkill')}>
        <label htmlFor={`${id}-name`}>{t('skills.name')}</label>
        <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required />
        <label htmlFor={`${id}-cat`}>{t('skills.category')}</label>
        <Select id={`${id}-cat`} value={category} onChange={(e) => setCategory(e.target.value as SkillCategory)}>
          <CodeOptions kind="skillCategory" codes={SKILL_CATEGORIES} />
        </Select>
        <button type="submit">{t('skills.addSkill')}</button>
        <ErrorText error={error} />
      </Form>
      {skills.length === 0 ? (
        <div className="empty">
          <p>{t('skills.empty')}</p>
        </div>
      ) : (
        <>
          <section aria-labelledby={`${id}-m`} className="panel">
            <h2 id={`${id}-m`}>{t('skills.matrix')}</h2>
            <table className="table" data-testid="skills-matrix">
              <thead>
                <tr>
                  <th scope="col">{t('skills.skill')}</th>
                  <th scope="col">{t('skills.category')}</th>
                  {SKILL_LEVELS.map((l) => (
                    <th scope="col" key={l}>
                      {label('skillLevel', l)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {skills.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.name}</th>
                    <td>{label('skillCategory', s.category)}</td>
                    {SKILL_LEVELS.map((l) => (
                      <td key={l}>{matrix.get(s.id)?.[l] ?? 0}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <WhoCanTeach skills={skills} members={members} memberSkills={memberSkills} />
          <Trainings skills={skills} members={members} />
          <section aria-labelledby={`${id}-g`} className="panel">
            <h2 id={`${id}-g`}>{t('skills.gaps')}</h2>
            {gaps.length === 0 ? (
              <p className="hint">{t('skills.noGaps')}</p>
            ) : (
              <ul className="plain" data-testid="skill-gaps">
                {gaps.map((g) => (
                  <li key={g.skill.id}>
                    {g.skill.name}: {t('skills.gapDetail', { learning: g.counts.learning, canDo: g.counts.can_do })}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </section>
  );
}
