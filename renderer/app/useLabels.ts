import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

export type CodeKind =
  | 'membershipStatus'
  | 'membershipType'
  | 'duesStatus'
  | 'mailingPreference'
  | 'ladderStage'
  | 'skillLevel'
  | 'skillCategory'
  | 'noteKind'
  | 'sensitivity'
  | 'need'
  | 'resource'
  | 'language'
  | 'tag'
  | 'groupKind'
  | 'roleKind'
  | 'eventKind'
  | 'partnerKind';

/** Stored codes shown in the user's language; an open code we do not know (a chapter's own need) is shown as stored. */
export function useLabels(): (kind: CodeKind, code: string | undefined) => string {
  const { t } = useTranslation();
  return useCallback(
    (kind, code) => (code === undefined ? '' : t(`codes.${kind}.${code}`, { defaultValue: code })),
    [t],
  );
}
