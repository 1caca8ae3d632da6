/** An assessment value (1–5) in the chapter's words (a space setting), else the app's default words. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { assessmentLabels } from '../../shared/model/engagement-settings';
import { useRecords } from './useRecords';

/** `short`: the bare number where the chapter has no name for it (a field already labelled "Assessment"). */
export function useAssessmentLabel(): (value: number, short?: boolean) => string {
  const { t } = useTranslation();
  const labels = useRecords(assessmentLabels, [], 'meta');
  return useCallback(
    (value, short) =>
      labels[value] ? `${value} · ${labels[value]}` : short ? String(value) : t('dashboard.assessmentValue', { value }),
    [labels, t],
  );
}
