/**
 * The space's organizers (its access list) with their roles. Admins change
 * roles and remove organizers; removal says plainly what it does and does
 * not do, and starts a new key epoch (shared/space removeDevice).
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RoleOptions } from './RoleOptions';
import type { DeviceId, SpaceId } from '../../../shared/crypto';
import type { Role } from '../../../shared/space';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorText } from '../../components/ErrorText';
import { StatusLine, useStatusLine } from '../../components/StatusLine';
import { useSyncService, useSyncState } from '../../sync/context';
import { changeRole, removeOrganizer } from '../../sync/organizers';
import { useAccess } from './useAccess';
import { shortDevice, sinceText } from './words';
import { Select } from '../../components/fields';

export function Organizers({ space }: { space: SpaceId }) {
  const { t, i18n } = useTranslation();
  const service = useSyncService();
  const { lastSynced } = useSyncState();
  const { view, error: readError } = useAccess(service?.vault, space);
  const id = useId();
  const [removing, setRemoving] = useState<DeviceId | null>(null);
  const status = useStatusLine();
  if (!service) return null;
  const admin = view?.myRole === 'admin';
  const now = Date.now();

  /** `done`: the key of what to say once the work is done. */
  async function act(work: () => Promise<void>, done: string) {
    status.clear();
    try {
      await work();
      status.say(done);
    } catch (e) {
      status.fail(e);
    }
  }

  const name = (device: DeviceId, me: boolean) =>
    me ? t('sharing.organizers.thisDevice') : t('sharing.organizers.device', { id: shortDevice(device) });

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('sharing.organizers.title')}</h2>
      <ErrorText error={readError} />
      {view && (
        <table className="table organizers">
          <caption className="visually-hidden">{t('sharing.organizers.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sharing.organizers.who')}</th>
              <th scope="col">{t('sharing.organizers.role')}</th>
              <th scope="col">{t('sharing.organizers.safety')}</th>
              <th scope="col">{t('sharing.organizers.lastSynced')}</th>
              {admin && <th scope="col">{t('sharing.organizers.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {view.organizers.map(({ member, me, safetyNumber }) => {
              const device = member.card.id;
              const label = name(device, me);
              return (
                <tr key={device} data-device={device}>
                  <th scope="row">{label}</th>
                  <td>
                    {admin && !me ? (
                      <Select
                        aria-label={t('sharing.organizers.roleOf', { who: label })}
                        value={member.role}
                        onChange={(e) =>
                          void act(
                            () => changeRole(service.vault, space, device, e.target.value as Role),
                            'sharing.organizers.roleChanged',
                          )
                        }
                      >
                        <RoleOptions />
                      </Select>
                    ) : (
                      t(`sharing.role.${member.role}`)
                    )}
                  </td>
                  <td>{me ? '—' : <code>{safetyNumber}</code>}</td>
                  <td>{me ? '—' : sinceText(t, i18n.language, lastSynced[device], now)}</td>
                  {admin && (
                    <td>
                      {!me && (
                        <button
                          type="button"
                          className="danger"
                          aria-label={t('sharing.organizers.removeWho', { who: label })}
                          onClick={() => setRemoving(device)}
                        >
                          {t('common.remove')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {view && !admin && <p className="hint">{t('sharing.organizers.onlyAdmins')}</p>}
      <StatusLine said={status.said} />
      <ConfirmDialog
        open={removing !== null}
        title={t('sharing.organizers.removeTitle')}
        message={t('sharing.organizers.removeMessage')}
        confirmLabel={t('sharing.organizers.removeConfirm')}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const device = removing;
          setRemoving(null);
          if (device) void act(() => removeOrganizer(service.vault, space, device), 'sharing.organizers.removed');
        }}
      />
    </section>
  );
}
