/**
 * The session: no vault yet → create one (then show the recovery key once);
 * locked → unlock; unlocked → the app. Locking drops the vault object and
 * every document, so the locked screen has no member data to show.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnlockedVault, VaultGateway } from '../vault';
import { CreateVault } from '../views/first-run/CreateVault';
import { RecoveryKey } from '../views/first-run/RecoveryKey';
import { Unlock } from '../views/unlock/Unlock';
import { ErrorText } from './ErrorText';
import type { LockReason } from './lock-reason';
import { Shell } from './Shell';
import { forgetLastMatch } from './forget-last-match';
import { forgetCopiedSecret } from './secret-clipboard';
import { SyncProvider } from '../sync/context';

type Session =
  | { readonly stage: 'starting' }
  | { readonly stage: 'failed'; readonly error: unknown }
  | { readonly stage: 'first-run' }
  | { readonly stage: 'recovery'; readonly vault: UnlockedVault; readonly recoveryKey: string }
  | { readonly stage: 'locked'; readonly reason?: LockReason }
  | { readonly stage: 'unlocked'; readonly vault: UnlockedVault };

export function App({ gateway }: { gateway: VaultGateway }) {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session>({ stage: 'starting' });

  useEffect(() => {
    gateway.exists().then(
      (exists) => setSession({ stage: exists ? 'locked' : 'first-run' }),
      (error: unknown) => setSession({ stage: 'failed', error }),
    );
  }, [gateway]);

  // The view is cleared at once; the unlock form appears once pending changes are written and keys dropped.
  const lock = useCallback(async (vault: UnlockedVault, reason: LockReason) => {
    setSession({ stage: 'starting' });
    try {
      await vault.lock();
    } finally {
      // SECURITY.md "What the browser keeps on its own": nothing of a member, nor the recovery key, stays behind.
      forgetLastMatch();
      void forgetCopiedSecret();
      setSession({ stage: 'locked', reason });
    }
  }, []);

  useEffect(() => {
    const title = t('app.name');
    document.title = session.stage === 'unlocked' ? title : `${title} — ${t('unlock.title')}`;
  }, [session.stage, t]);

  switch (session.stage) {
    case 'starting':
      return <main className="centered" aria-busy="true" />;
    case 'failed':
      return (
        <main className="centered">
          <h1>{t('app.name')}</h1>
          <ErrorText error={session.error} />
        </main>
      );
    case 'first-run':
      return (
        <CreateVault
          gateway={gateway}
          onCreated={(vault, recoveryKey) => setSession({ stage: 'recovery', vault, recoveryKey })}
        />
      );
    case 'recovery':
      return (
        <RecoveryKey
          recoveryKey={session.recoveryKey}
          onDone={() => setSession({ stage: 'unlocked', vault: session.vault })}
        />
      );
    case 'locked':
      return (
        <Unlock
          gateway={gateway}
          reason={session.reason}
          onUnlocked={(vault) => setSession({ stage: 'unlocked', vault })}
        />
      );
    case 'unlocked':
      return (
        <SyncProvider vault={session.vault.engine}>
          <Shell vault={session.vault} onLock={(reason) => void lock(session.vault, reason)} />
        </SyncProvider>
      );
  }
}
