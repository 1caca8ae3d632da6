/**
 * First run, step 2: suggested regions, working groups and a starter skills catalogue, all ticked; the
 * organizer unticks what does not fit and adds the rest. They are the chapter's own records from then on
 * (Map and regions, Groups, Skills edit them).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../components/CheckboxGroup';
import { ErrorText } from '../../components/ErrorText';
import { useSpace } from '../../app/SpaceContext';
import { addSuggestedLists, SUGGESTED_GROUPS, SUGGESTED_REGIONS, SUGGESTED_SKILLS } from './suggestions';

const SKILL_KEYS = SUGGESTED_SKILLS.map((s) => s.key);

export function ListsStep({ onNext }: { onNext: () => void }) {
  const { t } = useTranslation();
  const { data } = useSpace();
  const [regions, setRegions] = useState<string[]>([...SUGGESTED_REGIONS]);
  const [groups, setGroups] = useState<string[]>([...SUGGESTED_GROUPS]);
  const [skills, setSkills] = useState<string[]>(SKILL_KEYS);
  const [error, setError] = useState<unknown>(null);
  const options = (kind: string, keys: readonly string[]) =>
    keys.map((key) => ({ value: key, label: t(`start.lists.${kind}.${key}`) }));
  const count = regions.length + groups.length + skills.length;

  const add = () => {
    setError(null);
    try {
      addSuggestedLists(data, {
        regions: regions.map((k) => t(`start.lists.region.${k}`)),
        groups: groups.map((k) => t(`start.lists.group.${k}`)),
        skills: SUGGESTED_SKILLS.filter((s) => skills.includes(s.key)).map((s) => ({
          name: t(`start.lists.skill.${s.key}`),
          category: s.category,
        })),
      });
      onNext();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <p>{t('start.lists.intro')}</p>
      <div className="start-lists">
        <CheckboxGroup
          legend={t('start.lists.regions')}
          options={options('region', SUGGESTED_REGIONS)}
          selected={regions}
          onChange={setRegions}
        />
        <CheckboxGroup
          legend={t('start.lists.groups')}
          options={options('group', SUGGESTED_GROUPS)}
          selected={groups}
          onChange={setGroups}
        />
        <CheckboxGroup
          legend={t('start.lists.skills')}
          options={options('skill', SKILL_KEYS)}
          selected={skills}
          onChange={setSkills}
        />
      </div>
      <p className="hint">{t('start.lists.hint')}</p>
      <ErrorText error={error} />
      <div className="actions">
        <button type="button" className="primary" onClick={add} disabled={count === 0}>
          {t('start.lists.add', { count })}
        </button>
        <button type="button" onClick={onNext}>
          {t('start.skip')}
        </button>
      </div>
    </>
  );
}
