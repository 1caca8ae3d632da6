/** @jest-environment ./test/renderer/sharing/environment.js */
/** Ctrl+K quick switcher on a real space: the combobox pattern by keyboard, members from the roster's index, screens, both languages. */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { isSwitcherShortcut, QuickSwitcher } from '../../../renderer/app/QuickSwitcher';
import { renderView, space } from '../views/render-view';

function chapter() {
  const data = space();
  const ana = data.members.create({ firstName: 'Ana', lastName: 'Ruiz', emails: ['ana@example.org'] });
  const mara = data.members.create({ firstName: 'Mara', lastName: 'Rosen' });
  return { data, ana, mara };
}

test('type a name, move with the arrows, Enter opens the member; the active option is named by aria-activedescendant', async () => {
  const user = userEvent.setup();
  const { data, mara } = chapter();
  let closed = 0;
  const { routes } = await renderView(data, <QuickSwitcher onClose={() => closed++} />);
  const box = screen.getByRole('combobox', { name: 'Member name, e-mail, phone, or a screen' });
  expect(document.activeElement).toBe(box);
  await user.type(box, 'r');
  const options = screen.getAllByRole('option');
  // Both members match "r" (Ruiz, Rosen); screens whose name has an "r" follow them.
  expect(options.slice(0, 2).map((o) => o.textContent)).toEqual(['Ana Ruiz Member', 'Mara Rosen Member']);
  expect(box.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
  expect(options[0]!.getAttribute('aria-selected')).toBe('true');
  await user.keyboard('{ArrowDown}');
  expect(box.getAttribute('aria-activedescendant')).toBe(options[1]!.id);
  await user.keyboard('{ArrowUp}{ArrowUp}'); // wraps to the last option
  expect(box.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option').at(-1)!.id);
  await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
  expect(routes).toEqual([{ view: 'member', memberId: mara }]);
  expect(closed).toBe(1);
});

test('a screen by its name; e-mail finds a member; nothing found is said', async () => {
  const user = userEvent.setup();
  const { data, ana } = chapter();
  const { routes } = await renderView(data, <QuickSwitcher onClose={() => undefined} />);
  const box = screen.getByRole('combobox');
  await user.type(box, 'meetings');
  expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Meetings Screen']);
  await user.keyboard('{Enter}');
  expect(routes.pop()).toEqual({ view: 'meetings' });
  await user.clear(box);
  await user.type(box, 'ana@example');
  await user.click(screen.getByRole('option', { name: /Ana Ruiz/ }));
  expect(routes.pop()).toEqual({ view: 'member', memberId: ana });
  await user.clear(box);
  await user.type(box, 'zzz');
  expect(screen.queryAllByRole('option')).toEqual([]);
  expect(screen.getByRole('status').textContent).toMatch(/^Nothing matches/);
});

test('in Spanish: screens by their Spanish names, with plurals', async () => {
  const user = userEvent.setup();
  const { data } = chapter();
  await renderView(data, <QuickSwitcher onClose={() => undefined} />, 'es');
  const box = screen.getByRole('combobox', { name: 'Nombre, correo o teléfono del miembro, o una pantalla' });
  await user.type(box, 'comites'); // typed without accents: "Grupos y comités"
  expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Grupos y comités Pantalla']);
  expect(screen.getByRole('status').textContent).toBe('1 resultado');
});

test('the shortcut is Ctrl+K, or Cmd+K on a Mac, and nothing else', () => {
  const key = (over: object) => ({ key: 'k', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over });
  expect(isSwitcherShortcut(key({ ctrlKey: true }))).toBe(true);
  expect(isSwitcherShortcut(key({ metaKey: true, key: 'K' }))).toBe(true);
  expect(isSwitcherShortcut(key({}))).toBe(false);
  expect(isSwitcherShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(false);
  expect(isSwitcherShortcut(key({ ctrlKey: true, key: 'j' }))).toBe(false);
});
