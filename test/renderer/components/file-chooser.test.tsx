/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The file chooser (renderer/components/FileChooser.tsx) speaks the app's language, not the system's:
 * its button and "No file chosen" are the app's words, the chosen file's name is shown, and for the
 * keyboard and screen readers the labelled button is the one control (the file input stays hidden).
 */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FileChooser } from '../../../renderer/components/FileChooser';
import { renderView, space } from '../views/render-view';
import { chooseFile, fileButton, fileInputOf } from '../choose-file';

test('the labelled button opens the hidden input; the chosen name is shown and read with the button', async () => {
  const user = userEvent.setup();
  const chosen: File[] = [];
  const { i18n } = await renderView(
    space(),
    <FileChooser label="Boundary file" accept=".geojson" onChoose={(f) => chosen.push(f)} />,
    'en',
  );
  const button = fileButton('Boundary file');
  expect(button.textContent).toBe('Choose a file…');
  // The label names the button (clicking the label presses it too); what is chosen describes it.
  expect(screen.getByText('Boundary file').tagName).toBe('LABEL');
  expect(screen.getByText('Boundary file').getAttribute('for')).toBe(button.id);
  const described = () => document.getElementById(button.getAttribute('aria-describedby')!)!.textContent;
  expect(described()).toBe('No file chosen');
  // The native input is neither a tab stop nor announced: nothing of the system's language shows or is read.
  const input = fileInputOf(button);
  expect(input.tabIndex).toBe(-1);
  expect(input.getAttribute('aria-hidden')).toBe('true');
  expect(input.className).toBe('visually-hidden');
  expect(input.accept).toBe('.geojson');
  expect(screen.queryByRole('textbox')).toBeNull();

  // By keyboard: the first tab stop is the button, and Enter opens the file input.
  let opened = 0;
  input.addEventListener('click', () => opened++);
  await user.tab();
  expect(document.activeElement).toBe(button);
  await user.keyboard('{Enter}');
  expect(opened).toBe(1);

  await chooseFile(user, 'Boundary file', new File(['{}'], 'districts.geojson'));
  expect(chosen.map((f) => f.name)).toEqual(['districts.geojson']);
  expect(described()).toBe('districts.geojson');
  expect(input.value).toBe(''); // emptied: the same file chosen again is a new choice

  await act(() => i18n.changeLanguage('es'));
  expect(button.textContent).toBe('Elegir un archivo…');
  expect(described()).toBe('districts.geojson');
});

test('in Spanish, nothing chosen yet reads "Ningún archivo elegido"; a disabled chooser opens nothing', async () => {
  const user = userEvent.setup();
  await renderView(space(), <FileChooser label="Archivo CSV" disabled onChoose={() => undefined} />, 'es');
  const button = fileButton('Archivo CSV');
  expect(button.textContent).toBe('Elegir un archivo…');
  expect(screen.getByText('Ningún archivo elegido')).toBeTruthy();
  expect(button.disabled).toBe(true);
  let opened = 0;
  fileInputOf(button).addEventListener('click', () => opened++);
  await user.click(button);
  expect(opened).toBe(0);
});
