/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * What a view said back ("Note saved.", a failure) is worded in the language of the moment: switching the
 * app to Spanish after it was said changes the words on screen too (renderer/components/StatusLine.tsx).
 * The live region is in the page before anything is said, so a screen reader announces the news.
 */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StatusLine, message, useStatusLine, type StatusLineState } from '../../../renderer/components/StatusLine';
import { FieldTiersPanel } from '../../../renderer/views/settings/FieldTiersPanel';
import { NoteForm } from '../../../renderer/views/notes/NoteForm';
import { AppError } from '../../../shared/errors';
import { renderView, space } from '../views/render-view';

test('a note saved in English reads "Nota guardada." once the app is switched to Spanish', async () => {
  const user = userEvent.setup();
  const data = space();
  const ana = data.members.create({ firstName: 'Ana', lastName: 'Ruiz' });
  const { i18n } = await renderView(data, <NoteForm memberId={ana} />, 'en');
  const live = screen.getByRole('status');
  expect(live.textContent).toBe(''); // in the page, empty, before anything is said

  await user.type(screen.getByLabelText('What was said'), 'Talked about the rent strike.');
  await user.click(screen.getByRole('button', { name: 'Save note' }));
  expect(data.notes.all()).toHaveLength(1);
  expect(screen.getByRole('status').textContent).toBe('Note saved.');

  await act(() => i18n.changeLanguage('es'));
  expect(screen.getByRole('status')).toBe(live); // the same live region, new words
  expect(live.textContent).toBe('Nota guardada.');
});

test('a status whose values are words themselves (a field, a tier) is worded again, values too', async () => {
  const user = userEvent.setup();
  const { i18n } = await renderView(space(), <FieldTiersPanel />, 'en');
  await user.selectOptions(screen.getByLabelText('Home address'), 'sensitive');
  expect(screen.getByRole('status').textContent).toBe('Home address: Sensitive.');

  await act(() => i18n.changeLanguage('es'));
  expect(screen.getByRole('status').textContent).toBe('Domicilio: Sensible.');
});

/** A view that only shows its status line, driven from the test. */
function Harness({ onReady }: { onReady: (status: StatusLineState) => void }) {
  const status = useStatusLine();
  onReady(status);
  return <StatusLine said={status.said} />;
}

test('a failure goes through the app error words, as an alert, and follows the language as well', async () => {
  let status: StatusLineState | undefined;
  const { i18n } = await renderView(space(), <Harness onReady={(s) => (status = s)} />, 'en');

  act(() => status!.fail(new AppError('storage-failed', 'disk full (developer words)')));
  const alert = screen.getByRole('alert');
  expect(alert.textContent).toMatch(/^Your changes could not be saved on this computer\./);
  expect(alert.textContent).not.toMatch(/developer/);
  expect(screen.getByRole('status').textContent).toBe(''); // no old news left beside the failure

  await act(() => i18n.changeLanguage('es'));
  expect(screen.getByRole('alert').textContent).toMatch(/^No se pudieron guardar sus cambios en esta computadora\./);

  act(() => status!.fail(new Error('not one of ours')));
  expect(screen.getByRole('alert').textContent).toBe(
    'Algo salió mal. Sus datos no cambiaron. Inténtelo de nuevo o reinicie la aplicación.',
  );
});

test('a problem the view words itself is an alert; several sentences are said in order; clear empties the line', async () => {
  let status: StatusLineState | undefined;
  const { i18n } = await renderView(space(), <Harness onReady={(s) => (status = s)} />, 'es');

  act(() => status!.problem('places.boundaries.problem.no-shapes'));
  expect(screen.getByRole('alert').textContent).toBe('El archivo no contiene zonas (polígonos).');
  await act(() => i18n.changeLanguage('en'));
  expect(screen.getByRole('alert').textContent).toBe('The file has no areas (polygons) in it.');

  act(() => status!.say([message('lists.savedPdf', { count: 1 }), message('pdf.altered', { count: 2 })]));
  expect(screen.queryByRole('alert')).toBeNull();
  expect(screen.getByRole('status').textContent).toBe(
    'Saved a sheet of 1 member. 2 cells had letters the PDF cannot show: they were printed without accents or as “?”. Check them in the app.',
  );
  await act(() => i18n.changeLanguage('es'));
  expect(screen.getByRole('status').textContent).toMatch(/^Se guardó una hoja de 1 miembro\. 2 celdas tenían letras/);

  act(() => status!.clear());
  expect(screen.getByRole('status').textContent).toBe('');
});
