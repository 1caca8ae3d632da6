/** @jest-environment jsdom */
/**
 * The unlock screen with a gateway that answers as the engine does: wrong attempts counted toward
 * the organizer's erase setting (with plurals, in both languages), erased at the limit, and a
 * store that cannot be read sent to the recovery screen instead of a dead end.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import type { VaultGateway } from '../../../renderer/vault';
import { Unlock } from '../../../renderer/views/unlock/Unlock';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { VaultGuard } from '../../../shared/ipc/contract';

async function i18n(lng: string) {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({ resources: { en: { translation: en }, es: { translation: es } }, lng });
  return instance;
}

/** A gateway whose unlock fails with `code`, counting wrong passphrases against `wipeAfter`. */
function gateway(code: ErrorCode, wipeAfter: number | null): VaultGateway {
  const guard: VaultGuard = { wipeAfter, failures: 0 };
  return {
    start: async () => ({ stage: 'locked' }),
    create: async () => {
      throw new Error('not here');
    },
    async unlock() {
      if (code !== 'wrong-passphrase') throw new AppError(code, 'stand-in');
      (guard as { failures: number }).failures++;
      if (wipeAfter !== null && guard.failures >= wipeAfter) throw new AppError('vault-erased', 'stand-in');
      throw new AppError('wrong-passphrase', 'stand-in');
    },
    unlockWithRecoveryKey: async () => {
      throw new AppError('wrong-recovery-key', 'stand-in');
    },
    guard: async () => ({ ...guard }),
    damaged: async () => null,
    restore: async () => null,
    erase: async () => undefined,
    backups: {
      status: jest.fn(),
      chooseFolder: jest.fn(),
      setSchedule: jest.fn(),
      saveNow: jest.fn(),
      setWipeAfter: jest.fn(),
    },
  };
}

async function screenFor(g: VaultGateway, lng = 'en') {
  const onErased = jest.fn();
  const onDamaged = jest.fn();
  render(
    <I18nextProvider i18n={await i18n(lng)}>
      <Unlock gateway={g} onUnlocked={jest.fn()} onErased={onErased} onDamaged={onDamaged} />
    </I18nextProvider>,
  );
  const attempt = async (text: string) => {
    fireEvent.change(screen.getByLabelText(lng === 'en' ? 'Passphrase' : 'Frase de contraseña'), {
      target: { value: text },
    });
    fireEvent.submit(screen.getByRole('button', { name: lng === 'en' ? 'Unlock' : 'Desbloquear' }).closest('form')!);
  };
  return { onErased, onDamaged, attempt };
}

test('wrong passphrases count down to the erase, in the plural the count needs, then the vault is gone', async () => {
  const { onErased, attempt } = await screenFor(gateway('wrong-passphrase', 3));
  await attempt('wrong one');
  await screen.findByText('2 more wrong attempts and the vault on this computer will be erased.');
  await attempt('wrong two');
  await screen.findByText('1 more wrong attempt and the vault on this computer will be erased.');
  await attempt('wrong three');
  await waitFor(() => expect(onErased).toHaveBeenCalledTimes(1));
});

test('in Spanish, with usted', async () => {
  const { attempt } = await screenFor(gateway('wrong-passphrase', 5), 'es');
  await attempt('no es');
  await screen.findByText('Con 4 intentos incorrectos más, se borrará la bóveda de esta computadora.');
});

test('without an erase setting nothing counts down', async () => {
  const { attempt } = await screenFor(gateway('wrong-passphrase', null));
  await attempt('wrong');
  await screen.findByText(en.errors['wrong-passphrase']);
  expect(screen.queryByTestId('attempts-left')).toBeNull();
});

test('a store that cannot be read offers its restore instead of a dead end', async () => {
  const { onDamaged, attempt } = await screenFor(gateway('vault-corrupt', null));
  await attempt('the right one');
  fireEvent.click(await screen.findByRole('button', { name: en.unlock.restoreDamaged }));
  expect(onDamaged).toHaveBeenCalledTimes(1);
});
