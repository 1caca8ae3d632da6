/** @jest-environment jsdom */
/**
 * The app's date field in English and Spanish: the parts in the language's order and named in it,
 * a day typed by keyboard in that order, the stored value an ISO day, and a date typed in part or
 * left empty explained in plain words (and the form not sent).
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { useState } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { DateField } from '../../../renderer/components/DateField';
import { Form } from '../../../renderer/components/fields';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import { typeDay } from '../date-entry';

async function i18n(lng: 'en' | 'es') {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({ resources: { en: { translation: en }, es: { translation: es } }, lng });
  return instance;
}

/** A form with one date field; what it holds and what was sent are recorded. */
async function form(lng: 'en' | 'es', options: { initial?: string; required?: boolean } = {}) {
  const changes: string[] = [];
  const sent: string[] = [];
  function Probe() {
    const [day, setDay] = useState(options.initial ?? '');
    return (
      <Form
        aria-label="form"
        onSubmit={(e) => {
          e.preventDefault();
          sent.push(day);
        }}
      >
        <DateField
          label="When"
          value={day}
          onChange={(d) => {
            changes.push(d);
            setDay(d);
          }}
          required={options.required}
        />
        <button type="submit">Send</button>
      </Form>
    );
  }
  render(
    <I18nextProvider i18n={await i18n(lng)}>
      <Probe />
    </I18nextProvider>,
  );
  return { changes, sent, field: screen.getByRole('group', { name: 'When' }) };
}

/** The parts as a screen reader names them, in order, and what they show. */
function parts(field: HTMLElement) {
  return within(field)
    .getAllByRole('spinbutton')
    .map((s) => [s.getAttribute('aria-label'), s.textContent]);
}

describe('the date field speaks the app language, not the browser one', () => {
  it('in English: month, day, year, named in English, typed in that order', async () => {
    const user = userEvent.setup();
    const { field, changes } = await form('en');
    expect(parts(field)).toEqual([
      ['month, ', 'mm'],
      ['day, ', 'dd'],
      ['year, ', 'yyyy'],
    ]);
    await typeDay(user, field, '2026-12-10', 'en');
    expect(changes.at(-1)).toBe('2026-12-10');
    expect(parts(field).map(([, text]) => text)).toEqual(['12', '10', '2026']);
  });

  it('in Spanish: día, mes, año (dd/mm/aaaa), typed in that order', async () => {
    const user = userEvent.setup();
    const { field, changes } = await form('es');
    expect(parts(field)).toEqual([
      ['día, ', 'dd'],
      ['mes, ', 'mm'],
      ['año, ', 'aaaa'],
    ]);
    await typeDay(user, field, '2026-12-10', 'es');
    expect(changes.at(-1)).toBe('2026-12-10');
    expect(parts(field).map(([, text]) => text)).toEqual(['10', '12', '2026']);
  });

  it('shows a stored day in the language order, and the arrow keys step it', async () => {
    const user = userEvent.setup();
    const { field, changes } = await form('es', { initial: '2025-03-04' });
    expect(parts(field).map(([, text]) => text)).toEqual(['04', '03', '2025']); // leading zeros, as dd/mm/aaaa shows
    await user.click(within(field).getAllByRole('spinbutton')[0]!);
    await user.keyboard('{ArrowUp}');
    expect(changes).toEqual(['2025-03-05']);
  });

  it.each(['2025-02-30', '31/12/2025', 'soon'])('a stored value that is not a day (%s) shows as empty', async (bad) => {
    const { field } = await form('en', { initial: bad });
    expect(parts(field).map(([, text]) => text)).toEqual(['mm', 'dd', 'yyyy']);
  });

  it('sends the typed day with the form', async () => {
    const user = userEvent.setup();
    const { field, sent } = await form('en', { required: true });
    await typeDay(user, field, '2025-01-31', 'en');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(sent).toEqual(['2025-01-31']);
  });
});

describe('the calendar beside the field', () => {
  // jsdom has no CSS namespace; React Aria's popover escapes a selector with it (Chromium has it).
  beforeAll(() => {
    if (!('CSS' in globalThis))
      Object.assign(globalThis, { CSS: { escape: (s: string) => s.replace(/["\\]/g, '\\$&') } });
  });

  it('in Spanish: opens on the field’s month, names it in Spanish, and a click on a day fills the field', async () => {
    const user = userEvent.setup();
    const { field, changes } = await form('es', { initial: '2025-03-04' });
    await user.click(screen.getByRole('button', { name: 'Elegir la fecha en un calendario' }));
    const calendar = await screen.findByRole('dialog', { name: 'Calendario' });
    expect(within(calendar).getByRole('heading').textContent).toBe('marzo de 2025');
    // The week as Spanish starts it: on Monday.
    expect(calendar.querySelector('th')!.textContent).toBe('L');
    await user.click(within(calendar).getByRole('button', { name: /15 de marzo de 2025/ }));
    expect(changes).toEqual(['2025-03-15']);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(parts(field).map(([, text]) => text)).toEqual(['15', '03', '2025']);
  });

  it('by keyboard: Enter opens it on today’s month when empty, the arrows move, Enter picks, Escape closes', async () => {
    const user = userEvent.setup();
    const { changes } = await form('en');
    const open = screen.getByRole('button', { name: 'Choose the date on a calendar' });
    open.focus();
    await user.keyboard('{Enter}');
    const calendar = await screen.findByRole('dialog', { name: 'Calendar' });
    expect(calendar.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(changes).toEqual([]);
    await waitFor(() => expect(document.activeElement).toBe(open)); // focus back where it was

    await user.keyboard('{Enter}');
    await screen.findByRole('dialog', { name: 'Calendar' });
    await user.keyboard('{ArrowRight}{Enter}');
    const now = new Date();
    const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
    const iso = [tomorrow.getFullYear(), tomorrow.getMonth() + 1, tomorrow.getDate()]
      .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
      .join('-');
    expect(changes).toEqual([iso]);
  });

  it('in a modal dialog, the calendar opens inside it (the rest of the page is inert there)', async () => {
    const user = userEvent.setup();
    render(
      <I18nextProvider i18n={await i18n('en')}>
        <dialog open aria-label="Hand over">
          <DateField label="Starts" value="2025-03-04" onChange={() => undefined} />
        </dialog>
      </I18nextProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Choose the date on a calendar' }));
    const calendar = await screen.findByRole('dialog', { name: 'Calendar' });
    expect(calendar.closest('dialog')).toBe(screen.getByRole('dialog', { name: 'Hand over' }));
  });
});

describe('a date that is not whole is explained in plain words', () => {
  it.each([
    ['en', 'Enter the whole date: day, month and year.', '12'],
    ['es', 'Escriba la fecha completa: día, mes y año.', '10'],
  ] as const)('in %s, a date typed in part is named and not sent', async (lng, message, digits) => {
    const user = userEvent.setup();
    const { field, sent } = await form(lng);
    await user.click(within(field).getAllByRole('spinbutton')[0]!);
    await user.keyboard(digits);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(sent).toEqual([]);
    expect(await screen.findByText(message)).toBeTruthy();
    const first = within(field).getAllByRole('spinbutton')[0]!;
    expect(first.getAttribute('aria-invalid')).toBe('true');
    const described = first.getAttribute('aria-describedby')!.split(' ');
    expect(described.map((id) => document.getElementById(id)?.textContent)).toContain(message);
  });

  it.each([
    ['en', 'Enter a date.'],
    ['es', 'Escriba una fecha.'],
  ] as const)('in %s, a required date left empty is named and not sent', async (lng, message) => {
    const user = userEvent.setup();
    const { sent } = await form(lng, { required: true });
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(sent).toEqual([]);
    expect(await screen.findByText(message)).toBeTruthy();
  });

  it('an optional date left empty is sent as none', async () => {
    const user = userEvent.setup();
    const { sent } = await form('en');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(sent).toEqual(['']);
  });

  it('the form’s own complaint is shown and read with the field', async () => {
    render(
      <I18nextProvider i18n={await i18n('en')}>
        <DateField label="Ends" value="2025-01-01" onChange={() => undefined} error="The end is before the start." />
      </I18nextProvider>,
    );
    const first = within(screen.getByRole('group', { name: 'Ends' })).getAllByRole('spinbutton')[0]!;
    const described = first.getAttribute('aria-describedby')!.split(' ');
    expect(described.map((id) => document.getElementById(id)?.textContent)).toContain('The end is before the start.');
  });
});

describe('nothing for the browser to keep', () => {
  it('the hidden inputs React Aria keeps for the form have autocomplete off', async () => {
    const { field } = await form('en', { initial: '2025-03-04' });
    const hidden = field.closest('.date-field')!.querySelectorAll('input');
    expect([...hidden].map((input) => input.value)).toContain('2025-03-04');
    for (const input of hidden) expect(input.getAttribute('autocomplete')).toBe('off');
  });
});
