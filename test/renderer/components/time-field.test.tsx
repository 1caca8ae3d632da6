/** @jest-environment jsdom */
/**
 * The app's time field (a meeting's start) in English and Spanish: a 12-hour clock with AM/PM in
 * English, 24 hours in Spanish, the parts named in the language, the stored value "HH:MM", and a
 * time typed in part explained in plain words (the form not sent).
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { useState } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { TimeField } from '../../../renderer/components/TimeField';
import { Form } from '../../../renderer/components/fields';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';

async function form(lng: 'en' | 'es', initial = '') {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({ resources: { en: { translation: en }, es: { translation: es } }, lng });
  const changes: string[] = [];
  const sent: string[] = [];
  function Probe() {
    const [time, setTime] = useState(initial);
    return (
      <Form
        aria-label="form"
        onSubmit={(e) => {
          e.preventDefault();
          sent.push(time);
        }}
      >
        <TimeField
          label="Starts"
          value={time}
          onChange={(t) => {
            changes.push(t);
            setTime(t);
          }}
        />
        <button type="submit">Send</button>
      </Form>
    );
  }
  render(
    <I18nextProvider i18n={instance}>
      <Probe />
    </I18nextProvider>,
  );
  return { changes, sent, field: screen.getByRole('group', { name: 'Starts' }) };
}

const parts = (field: HTMLElement) =>
  within(field)
    .getAllByRole('spinbutton')
    .map((s) => s.getAttribute('aria-label'));

test('in English: hour, minute, AM/PM; 7:30 PM is stored as 19:30', async () => {
  const user = userEvent.setup();
  const { field, changes } = await form('en');
  expect(parts(field)).toEqual(['hour, ', 'minute, ', 'AM/PM, ']);
  await user.click(within(field).getAllByRole('spinbutton')[0]!);
  await user.keyboard('0730P');
  expect(changes.at(-1)).toBe('19:30');
});

test('in Spanish: hora, minuto on a 24-hour clock; a stored 19:30 reads 19:30', async () => {
  const user = userEvent.setup();
  const { field, changes } = await form('es', '19:30');
  expect(parts(field)).toEqual(['hora, ', 'minuto, ']);
  expect(
    within(field)
      .getAllByRole('spinbutton')
      .map((s) => s.textContent),
  ).toEqual(['19', '30']);
  await user.click(within(field).getAllByRole('spinbutton')[0]!);
  await user.keyboard('{ArrowUp}');
  expect(changes).toEqual(['20:30']);
});

test('a time typed in part is explained and the form is not sent; emptied, it is none', async () => {
  const user = userEvent.setup();
  const { field, sent } = await form('es');
  await user.click(within(field).getAllByRole('spinbutton')[0]!);
  await user.keyboard('18');
  await user.click(screen.getByRole('button', { name: 'Send' }));
  expect(sent).toEqual([]);
  expect(await screen.findByText('Escriba la hora completa: hora y minutos.')).toBeTruthy();
});
