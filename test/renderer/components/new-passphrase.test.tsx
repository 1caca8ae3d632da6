/** @jest-environment jsdom */
/** The new-passphrase fields: each problem beside its own field, and never one the meter contradicts. */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { useState, type FormEvent } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import { NewPassphrase, passphraseProblems } from '../../../renderer/components/NewPassphrase';

const WEAK = 'password1';
const STRONG = 'violet tractor harbor 42 lantern';

function Harness() {
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitted, setSubmitted] = useState(false);
  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        setSubmitted(true);
      }}
    >
      <NewPassphrase
        label="Passphrase"
        passphrase={passphrase}
        confirmation={confirmation}
        onPassphrase={setPassphrase}
        onConfirmation={setConfirmation}
        submitted={submitted}
      />
      <button type="submit">Create</button>
    </form>
  );
}

async function renderIn(lng: string) {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({ resources: { en: { translation: en }, es: { translation: es } }, lng });
  render(
    <I18nextProvider i18n={i18n}>
      <Harness />
    </I18nextProvider>,
  );
}

test('both problems are found at once', () => {
  expect(passphraseProblems(WEAK, 'other')).toEqual(['weak', 'mismatch']);
  expect(passphraseProblems(STRONG, STRONG)).toEqual([]);
});

test('a weak passphrase made strong loses its error at once; a mismatch has its own message on the confirmation', async () => {
  await renderIn('en');
  const user = userEvent.setup();
  const passphrase = screen.getByLabelText('Passphrase');
  const confirmation = screen.getByLabelText('Type the passphrase again');
  await user.type(passphrase, WEAK);
  await user.type(confirmation, 'something else');
  expect(screen.queryByRole('alert')).toBeNull(); // nothing before the first submit
  await user.click(screen.getByRole('button', { name: 'Create' }));
  expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
    'This passphrase is too easy to guess. Make it longer.',
    'The two passphrases are not the same.',
  ]);
  expect(passphrase.getAttribute('aria-invalid')).toBe('true');
  expect(confirmation.getAttribute('aria-invalid')).toBe('true');
  expect(confirmation.getAttribute('aria-describedby')).toBe(
    screen.getByText('The two passphrases are not the same.').id,
  );

  await user.clear(passphrase);
  await user.type(passphrase, STRONG);
  expect(screen.getByText(/^Strength: /).textContent).toBe('Strength: strong');
  expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['The two passphrases are not the same.']);
  expect(passphrase.getAttribute('aria-invalid')).toBe('false');

  await user.clear(confirmation);
  await user.type(confirmation, STRONG);
  expect(screen.queryByRole('alert')).toBeNull();
  expect(confirmation.getAttribute('aria-invalid')).toBe('false');
});

test('in Spanish too', async () => {
  await renderIn('es');
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Passphrase'), STRONG);
  await act(() => user.click(screen.getByRole('button', { name: 'Create' })));
  expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([
    'Las dos frases de contraseña no coinciden.',
  ]);
});
