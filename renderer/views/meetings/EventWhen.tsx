import { useTranslation } from 'react-i18next';
import type { ChapterEvent } from '../../../shared/model/attendance';
import { useDayFormat } from '../../components/dates';
import { useLabels } from '../../app/useLabels';

/** "Saturday, December 5, 2026 · 19:00 · IBEW hall · General meeting". */
export function EventWhen({ event, withKind = true }: { event: ChapterEvent; withKind?: boolean }) {
  const { t } = useTranslation();
  const day = useDayFormat('full');
  const label = useLabels();
  const parts = [day(event.date), event.startTime, event.place, withKind ? label('eventKind', event.kind) : undefined];
  return <>{parts.filter(Boolean).join(' · ') || t('common.notSet')}</>;
}
