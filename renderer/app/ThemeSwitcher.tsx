import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Select } from '../components/fields';
import { THEMES, setTheme, theme, type Theme } from './preferences';

/** Settings → Language and look: light, dark, or as the system says. */
export function ThemeSwitcher() {
  const { t } = useTranslation();
  const id = useId();
  const [chosen, setChosen] = useState<Theme>(theme);
  return (
    <div className="field narrow">
      <label htmlFor={id}>{t('settings.theme.label')}</label>
      <Select
        id={id}
        value={chosen}
        onChange={(e) => {
          const next = THEMES.find((th) => th === e.target.value) ?? 'system';
          setTheme(next);
          setChosen(next);
        }}
      >
        {THEMES.map((th) => (
          <option key={th} value={th}>
            {t(`settings.theme.${th}`)}
          </option>
        ))}
      </Select>
    </div>
  );
}
