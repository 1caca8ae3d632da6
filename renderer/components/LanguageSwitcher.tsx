import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, isLanguage, rememberLanguage } from '../i18n';
import { Select } from './fields';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="language">
      <label htmlFor={id}>{t('language.label')}</label>
      <Select
        id={id}
        value={i18n.language}
        onChange={(e) => {
          const lng = e.target.value;
          if (!isLanguage(lng)) return;
          rememberLanguage(lng);
          void i18n.changeLanguage(lng);
        }}
      >
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {t(`language.${lng}`)}
          </option>
        ))}
      </Select>
    </div>
  );
}
