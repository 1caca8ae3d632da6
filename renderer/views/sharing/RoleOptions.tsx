import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../shared/space';

/** The options of a menu of organizer roles (admin, editor, viewer), in the user's language. */
export function RoleOptions() {
  const { t } = useTranslation();
  return (
    <>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`sharing.role.${r}`)}
        </option>
      ))}
    </>
  );
}
