/** @jest-environment jsdom */
/**
 * The banner that follows the vault's save state (shared/vault onSaveState):
 * a plain warning while own changes are not on disk, a quiet note once they
 * are. The engine side (failure, retry, nothing lost) is proven in
 * test/shared/vault/save-failure.test.ts; here the vault's listener is fed
 * SaveState values directly.
 */
import { act, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import {
  SAVED_NOTICE_MS,
  SaveBanner,
  SaveIndicator,
  useSaveStatus,
  type SaveStates,
} from '../../../renderer/app/SaveBanner';
import type { SpaceId } from '../../../shared/crypto';
import type { SaveState } from '../../../shared/vault';

async function i18n(lng: string) {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({ resources: { en: { translation: en }, es: { translation: es } }, lng });
  return instance;
}

function engine() {
  const listeners = new Set<(s: SaveState) => void>();
  const states: SaveStates = {
    onSaveState: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return { states, emit: (s: SaveState) => act(() => listeners.forEach((l) => l(s))), listeners };
}

/** As the shell uses them: the hook follows the vault, the banner shows its status. */
function Banner({ engine }: { engine: SaveStates }) {
  return <SaveBanner status={useSaveStatus(engine)} />;
}

const a = 'space-a' as SpaceId;
const b = 'space-b' as SpaceId;

test('warns while any space has unsaved changes, then says they are saved', async () => {
  const { states, emit } = engine();
  render(
    <I18nextProvider i18n={await i18n('en')}>
      <Banner engine={states} />
    </I18nextProvider>,
  );
  expect(screen.queryByRole('alert')).toBeNull();
  emit({ space: a, unsaved: 1, code: 'storage-failed' });
  expect(screen.getByRole('alert').textContent).toBe(en.shell.unsaved);
  emit({ space: b, unsaved: 2, code: 'storage-failed' });
  emit({ space: a, unsaved: 0 });
  expect(screen.getByRole('alert').textContent).toBe(en.shell.unsaved); // b still waits
  emit({ space: b, unsaved: 0 });
  expect(screen.queryByRole('alert')).toBeNull();
  expect(screen.getByRole('status').textContent).toBe(en.shell.saved);
});

test('in Spanish, and it stops listening when the shell goes (locked)', async () => {
  const { states, emit, listeners } = engine();
  const { unmount } = render(
    <I18nextProvider i18n={await i18n('es')}>
      <Banner engine={states} />
    </I18nextProvider>,
  );
  emit({ space: a, unsaved: 1, code: 'storage-failed' });
  expect(screen.getByRole('alert').textContent).toBe(es.shell.unsaved);
  unmount();
  expect(listeners.size).toBe(0);
});

test('"saved again" fades after a while; a new failure in the meantime replaces it at once', async () => {
  const translations = await i18n('en'); // before fake timers: i18next initialises asynchronously
  jest.useFakeTimers();
  try {
    const { states, emit } = engine();
    render(
      <I18nextProvider i18n={translations}>
        <Banner engine={states} />
      </I18nextProvider>,
    );
    emit({ space: a, unsaved: 1, code: 'storage-failed' });
    emit({ space: a, unsaved: 0 });
    expect(screen.getByRole('status').textContent).toBe(en.shell.saved);
    emit({ space: b, unsaved: 0 }); // another space saved: the note stays until it fades
    act(() => jest.advanceTimersByTime(SAVED_NOTICE_MS - 1));
    expect(screen.getByRole('status').textContent).toBe(en.shell.saved);
    act(() => jest.advanceTimersByTime(1));
    expect(screen.getByRole('status').textContent).toBe('');

    emit({ space: a, unsaved: 1, code: 'storage-failed' });
    emit({ space: a, unsaved: 0 });
    emit({ space: a, unsaved: 2, code: 'storage-failed' });
    expect(screen.getByRole('alert').textContent).toBe(en.shell.unsaved);
    act(() => jest.advanceTimersByTime(SAVED_NOTICE_MS));
    expect(screen.getByRole('alert').textContent).toBe(en.shell.unsaved); // the old fade did not clear the warning
  } finally {
    jest.useRealTimers();
  }
});

/** The top bar's indicator, as the shell uses it. */
function Indicator({ engine }: { engine: SaveStates }) {
  return <SaveIndicator status={useSaveStatus(engine)} />;
}

test('the top bar says "Saving…" while any space has a change not on disk, "Saved" once none has, and says so in Spanish', async () => {
  const { states, emit } = engine();
  const { rerender } = render(
    <I18nextProvider i18n={await i18n('en')}>
      <Indicator engine={states} />
    </I18nextProvider>,
  );
  const indicator = () => screen.getByTestId('save-state');
  expect([indicator().dataset.state, indicator().textContent]).toEqual(['saved', en.shell.saveState.saved]);
  emit({ space: a, unsaved: 1 });
  emit({ space: b, unsaved: 1 });
  expect([indicator().dataset.state, indicator().textContent]).toEqual(['saving', en.shell.saveState.saving]);
  emit({ space: a, unsaved: 0 });
  expect(indicator().dataset.state).toBe('saving'); // b is still being written
  emit({ space: b, unsaved: 1, code: 'storage-failed' });
  expect([indicator().dataset.state, indicator().textContent]).toEqual(['failing', en.shell.saveState.failing]);
  emit({ space: b, unsaved: 0 });
  expect(indicator().dataset.state).toBe('saved');
  rerender(
    <I18nextProvider i18n={await i18n('es')}>
      <Indicator engine={states} />
    </I18nextProvider>,
  );
  emit({ space: a, unsaved: 1 });
  expect(indicator().textContent).toBe(es.shell.saveState.saving);
});
