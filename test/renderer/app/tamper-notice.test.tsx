/** @jest-environment jsdom */
/**
 * What the organizer reads when the store was changed while the app was
 * locked (SECURITY.md "At rest"). The engine side (each attack found) is
 * proven in test/shared/store/tamper.test.ts; here findings are fed directly.
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';
import { TamperBanner, TamperNotice, tamperLines } from '../../../renderer/app/TamperNotice';
import { findingsForBanner, useVaultTampering, type TamperReports } from '../../../renderer/app/tampering';
import { AppError } from '../../../shared/errors';
import type { DeviceId, SpaceId } from '../../../shared/crypto';
import type { StoreProblem, TamperChange, TamperedRecord, TamperFinding } from '../../../shared/vault';

async function i18n(lng: string) {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({ resources: { en: { translation: en }, es: { translation: es } }, lng });
  return instance;
}

const space = 'space-a' as SpaceId;
const author = 'author-a' as DeviceId;
const RECORDS: TamperedRecord[] = [
  'access-entry',
  'content-entry',
  'snapshot',
  'set-aside',
  'space',
  'private',
  'manifest',
];
const CHANGES: TamperChange[] = ['added', 'removed', 'altered', 'rolled-back'];
/** What the engine can report: entries are never 'rolled-back' (that is said of the manifest). */
const possible = RECORDS.flatMap((record) =>
  CHANGES.filter((change) => !(record.endsWith('-entry') && change === 'rolled-back')).map((change) => ({
    record,
    change,
  })),
);

test('every finding the engine can report reads as a sentence in English and Spanish, for one and for many', async () => {
  for (const lng of ['en', 'es']) {
    const t = (await i18n(lng)).t;
    for (const { record, change } of possible) {
      for (const count of [1, 3]) {
        const [line] = tamperLines([{ record, change, count }]);
        const text = t(line!.key, { count });
        expect({ lng, record, change, count, text }).toEqual({
          lng,
          record,
          change,
          count,
          text: expect.not.stringContaining('tamper.'),
        });
        if (record.endsWith('-entry')) expect(text).toContain(String(count));
      }
    }
  }
});

const findings: TamperFinding[] = [
  { record: 'access-entry', change: 'added', space, author, seqs: [7], count: 1 },
  { record: 'content-entry', change: 'removed', space, author, seqs: [2, 3], count: 2 },
  { record: 'content-entry', change: 'removed', space, author: 'author-b' as DeviceId, count: 1 },
  { record: 'snapshot', change: 'rolled-back', space, count: 1 },
];

test('says what was found, in plain words, and opens what checks out when asked', async () => {
  const onOpen = jest.fn(() => Promise.resolve());
  render(
    <I18nextProvider i18n={await i18n('en')}>
      <TamperNotice findings={findings} onOpen={onOpen} />
    </I18nextProvider>,
  );
  expect(screen.getByRole('heading', { name: en.tamper.title })).toBeTruthy();
  expect(screen.getByRole('alert').textContent).toBe(en.tamper.intro);
  const lines = screen.getAllByRole('listitem').map((li) => li.textContent);
  expect(lines).toEqual([
    '1 change to who organizes this space was added that this app did not write.',
    '3 changes to members and notes are missing: they were deleted.',
    en.tamper.found.snapshot['rolled-back'],
  ]);
  await userEvent.click(screen.getByRole('button', { name: en.tamper.open }));
  await waitFor(() => expect(onOpen).toHaveBeenCalledTimes(1)); // after a paint (useBusyAction)
});

test('in Spanish, and a failure to go on is said too', async () => {
  const onOpen = () => Promise.reject(new AppError('storage-failed', 'disk full'));
  render(
    <I18nextProvider i18n={await i18n('es')}>
      <TamperNotice findings={findings.slice(0, 2)} onOpen={onOpen} />
    </I18nextProvider>,
  );
  expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
    'Se añadió 1 cambio de quién organiza este espacio que esta aplicación no escribió.',
    'Faltan 2 cambios de miembros y notas: se borraron.',
  ]);
  await userEvent.click(screen.getByRole('button', { name: es.tamper.open }));
  expect(await screen.findByText(es.errors['storage-failed'])).toBeTruthy();
});

test('the banner says nothing when there is nothing to say', async () => {
  const { container } = render(
    <I18nextProvider i18n={await i18n('en')}>
      <TamperBanner findings={[]} />
    </I18nextProvider>,
  );
  expect(container.textContent).toBe('');
});

test('the banner follows the vault: private records and unknown spaces, as they are found', async () => {
  const found: TamperFinding[] = [];
  const listeners = new Set<(p: StoreProblem) => void>();
  const engine: TamperReports = {
    get tampering() {
      return [...found];
    },
    onProblem: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  function Shown() {
    return <TamperBanner findings={findingsForBanner(useVaultTampering(engine))} />;
  }
  const { unmount } = render(
    <I18nextProvider i18n={await i18n('en')}>
      <Shown />
    </I18nextProvider>,
  );
  expect(screen.queryByRole('alert')).toBeNull();
  const report = (finding: TamperFinding) =>
    act(() => {
      found.push(finding);
      listeners.forEach((l) => l({ kind: 'tampered', finding }));
    });
  report({ record: 'content-entry', change: 'removed', space, count: 1 }); // told by the space's notice
  expect(screen.queryByRole('alert')).toBeNull();
  report({ record: 'private', change: 'added', count: 1 });
  expect(screen.getByRole('listitem').textContent).toBe(en.tamper.found.private.added);
  unmount();
  expect(listeners.size).toBe(0);
});
