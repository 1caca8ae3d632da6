/**
 * The calendar a date field opens from its button (components/DateField.tsx), for those who would
 * rather point at a day than type it: React Aria's Calendar in a popover, a grid of days the arrow
 * keys move through, Enter picks, Escape closes. Month and day names come from the app's language
 * (the field's I18nProvider), the week starting on that language's first day.
 */
import type { CalendarDate } from '@internationalized/date';
import { useLayoutEffect, useRef, useState } from 'react';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  Dialog,
  DialogTrigger,
  Heading,
  Popover,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';

export function DateCalendar({
  value,
  onPick,
}: {
  readonly value: CalendarDate | null;
  readonly onPick: (day: CalendarDate) => void;
}) {
  const { t } = useTranslation();
  // The popover goes inside the form's modal <dialog> if there is one (it makes the rest of the page
  // inert), else inside <main> (all content in landmarks, for screen readers).
  const trigger = useRef<HTMLButtonElement>(null);
  const [container, setContainer] = useState<Element | undefined>();
  useLayoutEffect(() => setContainer(trigger.current?.closest('dialog, main') ?? undefined), []);
  return (
    <DialogTrigger>
      <Button ref={trigger} className="date-open" aria-label={t('dateField.openCalendar')}>
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="date-popover" placement="bottom end" UNSTABLE_portalContainer={container}>
        <Dialog className="date-dialog" aria-label={t('dateField.calendar')}>
          {({ close }) => (
            <Calendar
              autoFocus // on the chosen day (or today): the arrow keys move from there
              value={value}
              onChange={(day) => {
                onPick(day);
                close();
              }}
            >
              <header className="date-calendar-head">
                <Button slot="previous">
                  <span aria-hidden="true">‹</span>
                </Button>
                <Heading />
                <Button slot="next">
                  <span aria-hidden="true">›</span>
                </Button>
              </header>
              <CalendarGrid className="date-grid">{(day) => <CalendarCell date={day} />}</CalendarGrid>
            </Calendar>
          )}
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}
