import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SKILL_LEVELS, type SkillLevel } from '../../../shared/model/codes';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { useRecords } from '../../app/useRecords';
import { Select, CodeOptions } from '../../components/fields';

/** A member's skills with their level; add one from the catalogue. */
export function MemberSkills({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const id = useId();
  const [skillId, setSkillId] = useState('');
  const [level, setLevel] = useState<SkillLevel>('can_do');
  const [error, setError] = useState<unknown>(null);
  const catalogue = useRecords((d) => d.skills.all().sort((a, b) => a.name.localeCompare(b.name)), [], 'skills');
  const mine = useRecords((d) => d.memberSkills.forMember(memberId), [memberId], 'memberSkills');
  const skillName = (sid: string) => catalogue.find((s) => s.id === sid)?.name ?? '';

  const act = (fn: () => void) => {
    setError(null);
    try {
      fn();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section aria-labelledby={`${id}-h`} className="panel">
      <h2 id={`${id}-h`}>{t('skills.memberSkills')}</h2>
      {mine.length === 0 && <p className="hint">{t('skills.memberNone')}</p>}
      <ul className="plain">
        {mine.map((s) => (
          <li key={s.id} className="inline-row">
            <span>{skillName(s.skillId)}</span>
            <label className="visually-hidden" htmlFor={`${id}-${s.id}`}>
              {t('skills.levelOf', { skill: skillName(s.skillId) })}
            </label>
            <Select
              id={`${id}-${s.id}`}
              value={s.level}
              onChange={(e) => act(() => data.memberSkills.update(s.id, { level: e.target.value as SkillLevel }))}
            >
              <CodeOptions kind="skillLevel" codes={SKILL_LEVELS} />
            </Select>
            <button type="button" onClick={() => act(() => data.memberSkills.delete(s.id))}>
              {t('common.remove')}
            </button>
          </li>
        ))}
      </ul>
      {catalogue.length === 0 ? (
        <p className="hint">{t('skills.catalogueEmptyHint')}</p>
      ) : (
        <div className="inline-row">
          <label htmlFor={`${id}-skill`}>{t('skills.skill')}</label>
          <Select id={`${id}-skill`} value={skillId} onChange={(e) => setSkillId(e.target.value)}>
            <option value="">{t('skills.choose')}</option>
            {catalogue.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
          <label htmlFor={`${id}-level`}>{t('skills.level')}</label>
          <Select id={`${id}-level`} value={level} onChange={(e) => setLevel(e.target.value as SkillLevel)}>
            <CodeOptions kind="skillLevel" codes={SKILL_LEVELS} />
          </Select>
          <button
            type="button"
            disabled={!skillId}
            onClick={() => act(() => data.memberSkills.setLevel(memberId, skillId, level))}
          >
            {t('skills.addToMember')}
          </button>
        </div>
      )}
      <ErrorText error={error} />
    </section>
  );
}
