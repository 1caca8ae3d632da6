/**
 * Admin: a one-time invite code for a role, valid for a chosen time. The
 * code is shown once, to read aloud or pass on; the invitee's device proves
 * it knows the code, then both screens show the safety number to compare.
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RoleOptions } from './RoleOptions';
import type { SpaceId } from '../../../shared/crypto';
import type { Role } from '../../../shared/space';
import type { Invite } from '../../../shared/sync/invite';
import { ErrorText } from '../../components/ErrorText';
import { useSyncService, useSyncState } from '../../sync/context';
import { DialAddresses } from './DialAddresses';
import { useAccess } from './useAccess';
import { Form, Select } from '../../components/fields';

const HOUR = 60 * 60 * 1000;
export const INVITE_LIFETIMES = [1, 24, 24 * 7] as const;

export function CreateInvite({ space }: { space: SpaceId }) {
  const { t, i18n } = useTranslation();
  const service = useSyncService();
  const { listening, invites } = useSyncState();
  const { view } = useAccess(service?.vault, space);
  const id = useId();
  const [role, setRole] = useState<Role>('editor');
  const [hours, setHours] = useState<number>(24);
  const [created, setCreated] = useState<Invite | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The service keeps this list current: an invite used or expired leaves it by itself.
  const open = invites.filter((i) => i.space === space);
  // The code stays on screen only while it can still be used.
  const shown = created && open.some((i) => i.id === created.id) ? created : null;

  if (!service || view?.myRole !== 'admin') return null;

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      setCreated(await service!.createInvite(space, role, hours * HOUR));
    } catch (err) {
      setError(err);
    }
  }

  async function cancel(inviteId: string) {
    setError(null);
    try {
      await service!.cancelInvite(inviteId);
    } catch (err) {
      setError(err);
    }
  }

  const until = (at: number) => new Date(at).toLocaleString(i18n.language);

  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('sharing.invite.title')}</h2>
      <p>{t('sharing.invite.intro')}</p>
      <Form className="inline-row" onSubmit={create}>
        <label htmlFor={`${id}-role`}>{t('sharing.invite.role')}</label>
        <Select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          <RoleOptions />
        </Select>
        <label htmlFor={`${id}-ttl`}>{t('sharing.invite.expiry')}</label>
        <Select id={`${id}-ttl`} value={hours} onChange={(e) => setHours(Number(e.target.value))}>
          {INVITE_LIFETIMES.map((h) => (
            <option key={h} value={h}>
              {t(`sharing.invite.ttl.${h}`)}
            </option>
          ))}
        </Select>
        <button type="submit">{t('sharing.invite.create')}</button>
      </Form>
      {shown && (
        <div className="invite-code" role="status">
          <p>{t('sharing.invite.codeIntro', { until: until(shown.expiresAt) })}</p>
          <p>
            <code className="recovery-key" data-testid="invite-code">
              {shown.code}
            </code>
          </p>
          {listening && (
            <p className="hint" data-testid="listening-port">
              {t('sharing.invite.address', { port: listening.port })}
            </p>
          )}
          <DialAddresses testId="invite-dial-addresses" />
        </div>
      )}
      {open.length > 0 && (
        <>
          <h3>{t('sharing.invite.open')}</h3>
          <ul className="plain">
            {open.map((invite) => (
              <li key={invite.id}>
                {t('sharing.invite.openItem', {
                  role: t(`sharing.role.${invite.role}`),
                  until: until(invite.expiresAt),
                })}{' '}
                <button
                  type="button"
                  aria-label={t('sharing.invite.cancelWhich', {
                    role: t(`sharing.role.${invite.role}`),
                    until: until(invite.expiresAt),
                  })}
                  onClick={() => void cancel(invite.id)}
                >
                  {t('common.cancel')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorText error={error} />
    </section>
  );
}
