/**
 * The problem stream (shared/sync/problems.ts) for the screens: a hook any
 * view can read (the notices panel, the Today screen, the removed-device
 * banner) and the plain words each problem is told in. Problems carry codes
 * and ids only; the words name devices by their short number, never a member.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { TFunction } from 'i18next';
import type { SpaceId } from '../../shared/crypto';
import type { ErrorCode } from '../../shared/errors';
import type { Problem, ProblemLog, Removal } from '../../shared/sync/problems';
import { removalOf } from '../../shared/sync/problems';
import type { Vault } from '../../shared/vault';
import { useSyncService } from '../sync/context';
import { closeReasonKey, shortDevice } from '../views/sharing/words';

export type { Problem, ProblemEvent, Removal } from '../../shared/sync/problems';

export interface ProblemsView {
  /** Oldest first; at most MAX_PROBLEMS. */
  readonly problems: readonly Problem[];
  /** How many arrived since the organizer last opened the notices. */
  readonly unseen: number;
  markSeen(): void;
}

const NONE: readonly Problem[] = [];
const noLog = { get: () => NONE, subscribe: () => () => undefined };

/** The problems since unlock (none while sync starts, or without an engine vault). */
export function useProblems(): ProblemsView {
  const log: ProblemLog | undefined = useSyncService()?.problems;
  const source = log ?? noLog;
  const problems = useSyncExternalStore(source.subscribe, source.get);
  const markSeen = useCallback(() => log?.markSeen(), [log]);
  return { problems, unseen: log ? log.unseen() : 0, markSeen };
}

/**
 * Whether an admin removed this device from `space`, re-read whenever the
 * space changes (a session or a bundle may bring the removal). The removal is
 * also put in the problem stream, once.
 */
export function useRemoval(vault: Vault | undefined, space: string | null): Removal | undefined {
  const service = useSyncService();
  const [removal, setRemoval] = useState<Removal | undefined>(undefined);
  useEffect(() => {
    setRemoval(undefined);
    if (!vault || !space) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    vault.openSpace(space as SpaceId).then(
      (handle) => {
        if (cancelled) return;
        const read = (arrived: boolean): void => {
          service?.noteRemoval(handle, arrived);
          setRemoval(removalOf(handle.access, vault.device.id));
        };
        read(false);
        stop = handle.onChange(() => read(true));
      },
      () => undefined, // the shell says why the space could not open
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [vault, space, service]);
  return removal;
}

/** Spaces this device was removed from, among `spaces` (for the Spaces list). */
export function useRemovedSpaces(vault: Vault | undefined, spaces: readonly { id: string }[]): ReadonlySet<string> {
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const ids = spaces.map((s) => s.id).join(' ');
  useEffect(() => {
    if (!vault) return;
    let cancelled = false;
    // By id, so a new list of the same spaces does not open them all again.
    void Promise.all(
      ids.split(' ').flatMap((id) =>
        !id
          ? []
          : vault.openSpace(id as SpaceId).then(
              (handle) => (removalOf(handle.access, vault.device.id) ? id : undefined),
              () => undefined, // a space that cannot open is told when it is opened
            ),
      ),
    ).then((found) => {
      if (!cancelled) setRemoved(new Set(found.filter((id): id is string => id !== undefined)));
    });
    return () => {
      cancelled = true;
    };
  }, [vault, ids]);
  return removed;
}

/** One problem in plain words. `spaceName` names a space this device holds (its own secret name, shown only here). */
export function problemText(t: TFunction, problem: Problem, spaceName: (id: SpaceId) => string | undefined): string {
  const device = (id: string | undefined) => (id ? shortDevice(id as never) : t('problems.unknownDevice'));
  const space = (id: SpaceId) => spaceName(id) ?? t('problems.unknownSpace');
  switch (problem.kind) {
    case 'store':
      if (problem.problem.kind === 'tampered') {
        const { finding } = problem.problem;
        return t('problems.store.tampered', {
          where: finding.space ? space(finding.space) : t('problems.store.vaultRecords'),
          count: finding.count,
        });
      }
      return t(`problems.store.${problem.problem.kind}`, {
        space: space(problem.problem.space),
        why: t(`errors.${problem.problem.code}`),
      });
    case 'rejected':
      return t('problems.rejected', {
        space: space(problem.space),
        author: device(problem.author),
        from: device(problem.from),
        why: t(`errors.${problem.code}`),
      });
    case 'fork':
      return t('problems.fork', {
        space: space(problem.space),
        author: device(problem.author),
        from: device(problem.from),
      });
    case 'rotated':
      return problem.code
        ? t('problems.rotationFailed', { space: space(problem.space), why: t(`errors.${problem.code}`) })
        : t('problems.rotated', { space: space(problem.space) });
    case 'session-ended':
      return t('problems.sessionEnded', {
        peer: device(problem.peer),
        why: t(closeReasonKey(problem.reason)),
      });
    case 'removed':
      return t('problems.removed', { space: space(problem.space), by: device(problem.by) });
    case 'sync-failed':
      return t('problems.syncFailed', { why: t(syncFailureKey(problem)) });
  }
}

/** The words for a failure of sync's background work (the top bar, Today and Sharing say it). */
export function syncFailureKey(problem: { readonly code?: ErrorCode }): string {
  return `errors.${problem.code ?? 'unexpected'}`;
}
