/**
 * Types a day into one of the app's date fields (renderer/components/DateField.tsx) the way an
 * organizer does: focus its first part, then the digits in the order the language writes a date
 * (month, day, year in English; day, month, year in Spanish). Each part moves on once it is full.
 */
import { within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

export async function typeDay(user: UserEvent, field: HTMLElement, day: string, lng: 'en' | 'es' = 'en') {
  const [year, month, date] = day.split('-') as [string, string, string];
  const [first] = within(field).getAllByRole('spinbutton');
  await user.click(first!);
  await user.keyboard(lng === 'en' ? month + date + year : date + month + year);
}
