/**
 * The unlocked app: a header (space switcher, language, lock), the main
 * navigation and the current view. Opens the chosen space's document and
 * wraps it in the typed model.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import { SpaceData } from '../../shared/model/space-data';
import { RosterPreview, RosterPreviewContext } from './roster-preview';
import { loadingOf } from './space-loading';
import { rosterLoaded } from './useRoster';
import { nextPaint } from '../components/nextPaint';
import { followSpaceData } from '../vault/roster-index';
import type { BackupSettings, RestoreOutcome, SpaceSummary, UnlockedVault } from '../vault';
import { RestoredNotice } from '../views/recover/RestoredNotice';
import { ErrorText } from '../components/ErrorText';
import { SaveBanner, SaveIndicator, useSaveStatus } from './SaveBanner';
import { TamperBanner, TamperNotice } from './TamperNotice';
import { findingsForBanner, tamperedFindings, useVaultTampering } from './tampering';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { LanguageSwitcher } from '../components/LanguageSwitcher';
import { idleMinutes, rememberLastSpace, setIdleMinutes, spaceToOpen } from './preferences';
import type { LockReason } from './lock-reason';
import type { Route } from './routes';
import { NAV_VIEWS, navOf } from './routes';
import { SpaceContext, type SpaceState } from './SpaceContext';
import { useIdleLock } from './useIdleLock';
import { useSystemLock } from './useSystemLock';
import { getPlatform } from '../platform';
import { CurrentView } from './CurrentView';
import { useOnSpaceJoined } from '../sync/context';
import { OpenedBundle } from '../views/sharing/OpenedBundle';
import { OpenedCard } from '../views/sharing/OpenedCard';
import { ConfirmInvitee } from '../views/sharing/ConfirmInvitee';
import { spacesOrFirstSpace } from './first-space';
import { Select } from '../components/fields';
import { Notices, NoticesProvider, type NoticesOpener } from './Notices';
import { SpaceFrame } from './RemovedNotice';
import { spaceLabels } from '../components/space-names';
import { SyncIndicator } from './SyncIndicator';
import { QuickSwitcher, isSwitcherShortcut } from './QuickSwitcher';
import { LeaveGuardProvider, useLeaveConfirm } from './leave-guard';

/** The model views read a space through; the roster's read index is made from it (renderer/vault/roster-index.ts). */
function followed(data: SpaceData): SpaceData {
  followSpaceData(data);
  return data;
}

/** A Mac names the shortcut by its Command key (the switcher opens on either). */
const MAC = /Mac/.test(globalThis.navigator?.platform ?? '');

interface Props {
  readonly vault: UnlockedVault;
  readonly onLock: (reason: LockReason) => void;
  /** Folder backups and the erase setting (Settings); null without a backup folder. */
  readonly backups: BackupSettings | null;
  /** The store was restored from a backup before this unlock: said once more here. */
  readonly restored?: RestoreOutcome;
  readonly onErase: () => void;
  /** A new master key (Settings → Passphrase): the app writes it with the screen covered, then locks. */
  readonly onMasterKeyChange: (apply: () => Promise<void>) => void;
  /** A failure to say at once (a master-key change that could not be written). */
  readonly problem?: unknown;
  /** The vault was just made: open the guided first run instead of Today. */
  readonly firstRun?: boolean;
}

export function Shell({ vault, onLock, backups, restored, onErase, onMasterKeyChange, problem, firstRun }: Props) {
  const { t } = useTranslation();
  const [spaces, setSpaces] = useState<SpaceSummary[] | null>(null);
  const [spaceId, setSpaceId] = useState<string | null>(null);
  const [data, setData] = useState<SpaceData | null>(null);
  /** The roster from the read index while the space opens; dropped once the roster reads the live model. */
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  /** The preview is an admin's checkpoint's roster on its way from a peer: shown until the document holds it. */
  const [fromCheckpoint, setFromCheckpoint] = useState(false);
  const [error, setError] = useState<unknown>(problem ?? null);
  const [route, setRoute] = useState<Route>({ view: firstRun ? 'start' : 'today' });
  const [idle, setIdle] = useState(idleMinutes);
  const mainRef = useRef<HTMLElement>(null);
  const saveStatus = useSaveStatus(vault.engine);
  const tampering = useVaultTampering(vault.engine);
  const [confirmLock, setConfirmLock] = useState(false);
  /** Set when the chosen space did not open because its records were changed outside the app. */
  const [tampered, setTampered] = useState<ReturnType<typeof tamperedFindings>>(undefined);
  const [opened, setOpened] = useState(0);
  const labels = useMemo(() => spaceLabels(spaces ?? [], t), [spaces, t]);
  const [switcher, setSwitcher] = useState(false);
  // A form with unsaved edits (a profile section) is asked about before the view or the space changes.
  const { guards, confirmLeave, dialog: leaveDialog } = useLeaveConfirm();
  const [noticesOpen, setNoticesOpen] = useState(false);

  // Ctrl+K (Cmd+K on a Mac) opens the quick switcher from anywhere in the unlocked app.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isSwitcherShortcut(e)) return;
      e.preventDefault();
      setSwitcher(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useIdleLock(
    idle,
    useCallback(() => onLock('idle'), [onLock]),
  );
  useSystemLock(
    getPlatform()?.api,
    useCallback(() => onLock('system'), [onLock]),
  );

  const refreshSpaces = useCallback(async () => {
    const list = await spacesOrFirstSpace(vault);
    setSpaces(list);
    return list;
  }, [vault]);

  useEffect(() => {
    refreshSpaces().then((list) => setSpaceId((current) => current ?? spaceToOpen(list)), setError);
    // Only on unlock (refreshSpaces changes with the vault): later changes go through refreshSpaces explicitly.
  }, [refreshSpaces]);

  // A space joined through an invite or a bundle (renderer/sync) appears in the switcher.
  useOnSpaceJoined(useCallback(() => void refreshSpaces().catch(setError), [refreshSpaces]));

  useEffect(() => {
    if (!spaceId) return;
    rememberLastSpace(spaceId);
    let cancelled = false;
    setData(null);
    setTampered(undefined);
    setError(null);
    setPreview(null);
    setFromCheckpoint(false);
    let unsubscribe: (() => void) | undefined;
    let unsubscribePreview: (() => void) | undefined;
    // A first sync from an admin who compacted: its checkpoint's roster comes first, shown as the
    // read index is, read-only, until the checkpoint is taken (ARCHITECTURE.md "Checkpoints and compaction").
    const followCheckpoint = () =>
      vault
        .onCheckpointPreview?.(spaceId, (roster) => {
          if (cancelled) return;
          if (roster) setPreview(new RosterPreview(roster));
          setFromCheckpoint(roster !== undefined);
        })
        .then(
          (off) => (cancelled ? off() : (unsubscribePreview = off)),
          () => undefined, // the space did not open: told above
        );
    // The roster from the space's read index first (roster-preview.ts), then the document behind it.
    const previewed = vault.previewSpace ? vault.previewSpace(spaceId).catch(() => undefined) : undefined;
    void Promise.resolve(previewed)
      .then(async (index) => {
        if (index && !cancelled) {
          setPreview(new RosterPreview(index));
          await nextPaint();
        }
        return vault.openSpace(spaceId);
      })
      .then(
        (doc) => {
          if (cancelled) return;
          setData(followed(new SpaceData(doc, vault.deviceId)));
          void followCheckpoint();
        },
        (e: unknown) => {
          if (cancelled) return;
          setPreview(null);
          const findings = tamperedFindings(e);
          if (findings) setTampered(findings);
          else setError(e);
        },
      );
    // A rebuilt document (a removal withdrew changes already shown) replaces the old, destroyed one.
    vault
      .onDocReplaced?.(spaceId, (doc) => {
        if (!cancelled) setData(followed(new SpaceData(doc, vault.deviceId)));
      })
      .then(
        (off) => (cancelled ? off() : (unsubscribe = off)),
        (e: unknown) => {
          if (!cancelled && !tamperedFindings(e)) setError(e); // the notice above says it
        },
      );
    return () => {
      cancelled = true;
      unsubscribe?.();
      unsubscribePreview?.();
    };
  }, [vault, spaceId, opened]);

  /** The organizer chose to go on with what checks out (TamperNotice). */
  const openDespiteTampering = useCallback(async () => {
    if (!spaceId) return;
    await vault.openSpace(spaceId, { despiteTampering: true });
    setOpened((n) => n + 1); // opens the now-clean space as usual
  }, [vault, spaceId]);

  const navigate = useCallback(
    (next: Route) =>
      confirmLeave(() => {
        setRoute(next);
        // Move focus to the new view's heading so screen readers announce it.
        requestAnimationFrame(() => mainRef.current?.querySelector<HTMLElement>('h1')?.focus());
      }),
    [confirmLeave],
  );

  /** Opening a space (one just joined, say) shows its roster. */
  const openSpace = useCallback(
    (id: string) =>
      confirmLeave(() => {
        setSpaceId(id);
        navigate({ view: 'roster' });
      }),
    [confirmLeave, navigate],
  );

  const notices = useMemo<NoticesOpener>(
    () => ({ open: () => setNoticesOpen(true), spaceName: (id) => spaces?.find((s) => s.id === id)?.name }),
    [spaces],
  );

  // While only the preview exists, views get an empty stand-in document marked `opening` (nothing is
  // written to it: the roster's writing actions wait, other views show their loading state), so that
  // the roster stays the same component, with its search, filters, sort and scroll, when the space comes.
  const standIn = useMemo(
    () => (preview ? new SpaceData(new Y.Doc(), vault.deviceId, { migrate: false }) : null),
    [preview, vault.deviceId],
  );
  const state: SpaceState | null = useMemo(
    // Does not change with the document: views follow what they read (useRecords, ARCHITECTURE.md "Views read what they show").
    () =>
      data && spaceId && !fromCheckpoint
        ? { data, spaceId, deviceId: vault.deviceId, navigate }
        : standIn && spaceId
          ? {
              data: standIn,
              spaceId,
              deviceId: vault.deviceId,
              navigate,
              opening: fromCheckpoint ? 'arriving' : 'space',
            }
          : null,
    [data, fromCheckpoint, standIn, spaceId, vault.deviceId, navigate],
  );
  // The preview goes once the live roster is read (its collections and search index, in slices).
  useEffect(() => {
    if (!data || !preview || fromCheckpoint) return;
    const loading = loadingOf(data);
    let dropping = false;
    const check = () => {
      if (dropping || !rosterLoaded(data)) return;
      dropping = true;
      // In tasks of their own, after the roster rendered from the live model (it reads the same loading
      // state): its render without the preview then replaces the one React keeps of the preview's rows.
      setTimeout(() => {
        setPreview(null);
        setTimeout(() => preview.release(), 0);
      }, 0);
    };
    const off = loading.subscribe(check);
    check();
    return off;
  }, [data, preview, fromCheckpoint]);

  return (
    <LeaveGuardProvider value={guards}>
      <div className="shell">
        <a className="skip-link" href="#main">
          {t('shell.skip')}
        </a>
        <header className="topbar">
          <span className="brand">{t('app.name')}</span>
          <div className="space-switcher">
            <label htmlFor="space-switcher">{t('shell.space')}</label>
            <Select
              id="space-switcher"
              // A long name is cut with an ellipsis in the bar (shell.css): the whole of it on hover.
              title={spaceId ? labels.get(spaceId) : undefined}
              value={spaceId ?? ''}
              onChange={(e) => {
                const chosen = e.target.value;
                confirmLeave(() => setSpaceId(chosen));
              }}
              disabled={!spaces}
            >
              {(spaces ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {labels.get(s.id)}
                </option>
              ))}
            </Select>
          </div>
          <button
            type="button"
            className="switcher-open"
            aria-keyshortcuts="Control+K Meta+K"
            onClick={() => setSwitcher(true)}
          >
            {t('switcher.open')} <kbd>{t(MAC ? 'switcher.shortcutMac' : 'switcher.shortcut')}</kbd>
          </button>
          <SyncIndicator onOpen={() => navigate({ view: 'sharing' })} />
          <SaveIndicator status={saveStatus} />
          <Notices spaces={spaces ?? []} open={noticesOpen} setOpen={setNoticesOpen} />
          <LanguageSwitcher />
          <button
            type="button"
            className="lock"
            // Locking drops what is not on disk yet: ask first. (Idle and system locks do not wait: a laptop left open is the greater risk.)
            onClick={() => (saveStatus.failing ? setConfirmLock(true) : onLock('manual'))}
          >
            {t('shell.lock')}
          </button>
          <ConfirmDialog
            open={confirmLock}
            title={t('shell.lockUnsaved.title')}
            message={t('shell.lockUnsaved.message')}
            confirmLabel={t('shell.lockUnsaved.confirm')}
            onConfirm={() => {
              setConfirmLock(false);
              onLock('manual');
            }}
            onCancel={() => setConfirmLock(false)}
          />
        </header>
        <nav className="sidebar" aria-label={t('shell.navigation')}>
          <ul>
            {NAV_VIEWS.map((view) => (
              <li key={view}>
                <button
                  type="button"
                  aria-current={navOf(route) === view ? 'page' : undefined}
                  onClick={() => navigate({ view })}
                >
                  {t(`nav.${view}`)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" ref={mainRef} tabIndex={-1} className="content">
          <SaveBanner status={saveStatus} />
          {restored && <RestoredNotice restored={restored} />}
          <TamperBanner findings={findingsForBanner(tampering)} />
          <ErrorText error={error} />
          {tampered ? (
            <TamperNotice findings={tampered} onOpen={openDespiteTampering} />
          ) : state ? (
            <SpaceContext.Provider value={state}>
              <RosterPreviewContext.Provider value={preview}>
                <NoticesProvider value={notices}>
                  <SpaceFrame
                    vault={vault.engine}
                    space={spaceId}
                    spaceName={spaces?.find((s) => s.id === spaceId)?.name ?? ''}
                    deviceOnly={route.view === 'spaces' || route.view === 'settings'}
                  >
                    <CurrentView
                      route={route}
                      spaces={spaces ?? []}
                      onSpacesChanged={async () => {
                        await refreshSpaces();
                      }}
                      onSpaceCreated={async (created) => {
                        await refreshSpaces();
                        setSpaceId(created.id);
                      }}
                      vault={vault}
                      idleMinutes={idle}
                      onIdleMinutes={(m) => {
                        setIdleMinutes(m);
                        setIdle(m);
                      }}
                      onOpenSpace={openSpace}
                      backups={backups}
                      onMasterKeyChange={onMasterKeyChange}
                      onErase={onErase}
                    />
                  </SpaceFrame>
                </NoticesProvider>
              </RosterPreviewContext.Provider>
              {switcher && !state.opening && <QuickSwitcher onClose={() => setSwitcher(false)} />}
            </SpaceContext.Provider>
          ) : (
            !error && <p aria-busy="true">{t('shell.opening')}</p>
          )}
        </main>
        <OpenedBundle onOpenSpace={openSpace} />
        <OpenedCard current={spaceId} />
        <ConfirmInvitee />
        {leaveDialog}
      </div>
    </LeaveGuardProvider>
  );
}
