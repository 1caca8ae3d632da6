/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import { ErrorText } from '../../../renderer/components/ErrorText';
import { AppError } from '../../../shared/errors';

async function i18n(lng: string) {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({ resources: { en: { translation: en }, es: { translation: es } }, lng });
  return instance;
}

test('an AppError is shown as its plain sentence, in the chosen language', async () => {
  const { rerender } = render(
    <I18nextProvider i18n={await i18n('en')}>
      <ErrorText error={new AppError('wrong-passphrase', 'developer detail at vault.ts:12')} />
    </I18nextProvider>,
  );
  expect(screen.getByRole('alert').textContent).toBe(en.errors['wrong-passphrase']);
  rerender(
    <I18nextProvider i18n={await i18n('es')}>
      <ErrorText error={new AppError('wrong-passphrase', 'developer detail')} />
    </I18nextProvider>,
  );
  expect(screen.getByRole('alert').textContent).toBe(es.errors['wrong-passphrase']);
});

test('any other error shows the generic sentence, never its message or stack', async () => {
  const error = new TypeError('Cannot read properties of undefined (reading "x")');
  render(
    <I18nextProvider i18n={await i18n('en')}>
      <ErrorText error={error} />
    </I18nextProvider>,
  );
  const text = screen.getByRole('alert').textContent ?? '';
  expect(text).toBe(en.errors.unexpected);
  expect(text).not.toContain('Cannot read');
  expect(text).not.toContain('at ');
});
