/**
 * The session: no vault yet → create one (then show the recovery key once);
 * locked → unlock; unlocked → the app. A vault this computer had but its
 * browser store lost (or cannot read) is never a first run: the organizer is
 * told and restores it (SECURITY.md "Crash safety and backups"). Locking
 * drops the vault object and every document, so the locked screen has no
 * member data to show; it first writes what is on screen, saying so.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestoreOutcome, StartState, UnlockedVault, VaultGateway } from '../vault';
import { CreateVault } from '../views/first-run/CreateVault';
import { RecoveryKey } from '../views/first-run/RecoveryKey';
import { StoreLost } from '../views/recover/StoreLost';
import { Unlock } from '../views/unlock/Unlock';
import { CenteredScreen } from '../components/CenteredScreen';
import { ErrorText } from '../components/ErrorText';
import type { LockReason } from './lock-reason';
import { Shell } from './Shell';
import { forgetLastMatch } from './forget-last-match';
import { forgetCopiedSecret } from './secret-clipboard';
import { SyncProvider } from '../sync/context';
import { getPlatform } from '../platform';

type Session =
  | { readonly stage: 'starting' }
  | { readonly stage: 'failed'; readonly error: unknown }
  | { readonly stage: 'first-run'; readonly erased?: boolean }
  | Extract<StartState, { stage: 'lost' }>
  | { readonly stage: 'recovery'; readonly vault: UnlockedVault; readonly recoveryKey: string }
  | { readonly stage: 'locked'; readonly reason?: LockReason; readonly restored?: RestoreOutcome }
  /** Writing what is on screen (`saved` false), then dropping the keys. */
  | { readonly stage: 'locking'; readonly saved: boolean }
  | { readonly stage: 'erasing' }
  /** A new master key is being written: every space is closed meanwhile, so nothing may be edited. */
  | { readonly stage: 'rekeying' }
  | {
      readonly stage: 'unlocked';
      readonly vault: UnlockedVault;
      readonly restored?: RestoreOutcome;
      readonly problem?: unknown;
      /** Just created: the shell opens the guided first run. */
      readonly firstRun?: boolean;
    };

export function App({ gateway }: { gateway: VaultGateway }) {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session>({ stage: 'starting' });
  const current = useRef(session);
  current.current = session;

  useEffect(() => {
    gateway.start().then(setSession, (error: unknown) => setSession({ stage: 'failed', error }));
  }, [gateway]);

  // Written first (the organizer sees "Saving…"), then the keys go; the unlock form appears after both.
  const lock = useCallback(async (vault: UnlockedVault, reason: LockReason) => {
    setSession({ stage: 'locking', saved: false });
    try {
      await vault.flush();
      setSession({ stage: 'locking', saved: true });
    } catch {
      // Failed writes stay held by the vault; lock() tries them once more before the keys go.
    }
    try {
      await vault.lock();
    } finally {
      // SECURITY.md "What the browser keeps on its own": nothing of a member, nor the recovery key, stays behind.
      forgetLastMatch();
      void forgetCopiedSecret();
      setSession({ stage: 'locked', reason });
    }
  }, []);

  // Quitting (Electron's window closing) waits for the same: write, lock, then let the window go.
  useEffect(() => {
    const api = getPlatform()?.api;
    return api?.app.onClosing(() => {
      const now = current.current;
      const done = now.stage === 'unlocked' ? lock(now.vault, 'manual') : Promise.resolve();
      void done.finally(() => api.app.readyToClose().catch(() => undefined)); // the window is closing: no one is left to tell
    });
  }, [lock]);

  const changeMasterKey = useCallback(async (vault: UnlockedVault, apply: () => Promise<void>) => {
    setSession({ stage: 'rekeying' });
    try {
      await apply();
    } catch (problem) {
      // Nothing changed (one transaction); the spaces reopen under the same keys.
      return setSession({ stage: 'unlocked', vault, problem });
    }
    try {
      await vault.lock();
    } finally {
      setSession({ stage: 'locked', reason: 'keys-changed' });
    }
  }, []);

  const erase = useCallback(
    async (vault?: UnlockedVault) => {
      setSession({ stage: 'erasing' });
      void vault?.lock().catch(() => undefined); // its keys go; its writes fail once the store is deleted
      try {
        await gateway.erase();
        setSession({ stage: 'first-run', erased: true });
      } catch (error) {
        setSession({ stage: 'failed', error });
      }
    },
    [gateway],
  );

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
    case 'locking':
    case 'erasing':
    case 'rekeying': {
      const [title, status] =
        session.stage === 'erasing'
          ? ['erase.erasing', 'erase.erasingHint']
          : session.stage === 'rekeying'
            ? ['passphrase.rekeying', 'passphrase.rekeyingHint']
            : ['lock.title', session.saved ? 'lock.saved' : 'lock.saving'];
      return (
        <CenteredScreen>
          <section className="card" aria-busy="true">
            <h1>{t(title)}</h1>
            <p role="status" data-testid="locking" data-saved={session.stage === 'locking' && session.saved}>
              {t(status)}
            </p>
          </section>
        </CenteredScreen>
      );
    }
    case 'first-run':
      return (
        <CreateVault
          gateway={gateway}
          erased={session.erased}
          onCreated={(vault, recoveryKey) => setSession({ stage: 'recovery', vault, recoveryKey })}
        />
      );
    case 'lost':
      return (
        <StoreLost
          gateway={gateway}
          reason={session.reason}
          backup={session.backup}
          onRestored={(restored) => setSession({ stage: 'locked', restored })}
          onStartOver={() => void erase()}
        />
      );
    case 'recovery':
      return (
        <RecoveryKey
          recoveryKey={session.recoveryKey}
          onDone={() => setSession({ stage: 'unlocked', vault: session.vault, firstRun: true })}
        />
      );
    case 'locked':
      return (
        <Unlock
          gateway={gateway}
          reason={session.reason}
          restored={session.restored}
          onUnlocked={(vault) => setSession({ stage: 'unlocked', vault, restored: session.restored })}
          onErased={() => setSession({ stage: 'first-run', erased: true })}
          onDamaged={() =>
            void gateway.damaged().then(
              (lost) => lost && setSession(lost),
              (error: unknown) => setSession({ stage: 'failed', error }),
            )
          }
        />
      );
    case 'unlocked':
      return (
        <SyncProvider vault={session.vault.engine}>
          <Shell
            vault={session.vault}
            backups={gateway.backups}
            restored={session.restored}
            onLock={(reason) => void lock(session.vault, reason)}
            onErase={() => void erase(session.vault)}
            onMasterKeyChange={(apply) => void changeMasterKey(session.vault, apply)}
            problem={session.problem}
            firstRun={session.firstRun}
          />
        </SyncProvider>
      );
  }
}
