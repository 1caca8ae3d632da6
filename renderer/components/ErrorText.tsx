import { useTranslation } from 'react-i18next';
import { isAppError } from '../../shared/errors';

/**
 * A failure as one plain sentence in the user's language. Only the error's
 * stable code is used, so a stack trace or a developer message never reaches
 * the screen.
 */
export function errorKey(error: unknown): string {
  return isAppError(error) ? `errors.${error.code}` : 'errors.unexpected';
}

export function ErrorText({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (error === undefined || error === null) return null;
  const key = errorKey(error);
  return (
    <p role="alert" className="error">
      {i18n.exists(key) ? t(key) : t('errors.unexpected')}
    </p>
  );
}
