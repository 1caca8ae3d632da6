/**
 * What the vault found changed outside the app (SECURITY.md "At rest"), for
 * the shell: the findings a space refused to open with, and every finding
 * since unlock as they come.
 */
import { useEffect, useState } from 'react';
import { isTamperedSpaceError, type TamperFinding } from '../../shared/store/problems';
import type { Vault } from '../../shared/vault';

/** The findings of an openSpace failure, or undefined when it failed for another reason. */
export function tamperedFindings(e: unknown): readonly TamperFinding[] | undefined {
  return isTamperedSpaceError(e) ? e.findings : undefined;
}

/** The one part of the engine vault this needs. */
export type TamperReports = Pick<Vault, 'tampering' | 'onProblem'>;

/** Every finding since unlock, updated as the vault reports more. */
export function useVaultTampering(engine: TamperReports | undefined): readonly TamperFinding[] {
  const [findings, setFindings] = useState<readonly TamperFinding[]>(() => engine?.tampering ?? []);
  useEffect(() => {
    if (!engine) return;
    setFindings(engine.tampering);
    return engine.onProblem((p) => {
      if (p.kind === 'tampered') setFindings(engine.tampering);
    });
  }, [engine]);
  return findings;
}

/**
 * Findings no space's notice tells (TamperNotice says the rest when that
 * space is opened): private records, and a space the vault never held.
 */
export function findingsForBanner(findings: readonly TamperFinding[]): TamperFinding[] {
  return findings.filter((f) => f.record === 'private' || (f.record === 'space' && f.change === 'added'));
}
