/** @jest-environment ./test/renderer/sharing/environment.js */
/** The guided first run's steps on a real space: progress, skipping, the name saved, suggestions added once. */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { UnlockedVault } from '../../../renderer/vault';
import type { SpaceId } from '../../../shared/crypto';
import { GetStarted } from '../../../renderer/views/start/GetStarted';
import { addSuggestedLists } from '../../../renderer/views/start/suggestions';
import { renderView, space } from './render-view';

test('three steps, each skippable; the name goes to the vault; the suggested lists become the chapter’s', async () => {
  const user = userEvent.setup();
  const data = space();
  const renamed: [string, string][] = [];
  const vault = { renameSpace: async (id: string, name: string) => void renamed.push([id, name]) } as UnlockedVault;
  let refreshed = 0;
  const { routes } = await renderView(
    data,
    <GetStarted
      vault={vault}
      spaces={[{ id: 'space-1' as SpaceId, name: '' }]}
      onSpacesChanged={async () => void refreshed++}
    />,
  );
  expect(screen.getByTestId('step-count').textContent).toBe('Step 1 of 3');
  await user.type(screen.getByLabelText('Chapter name'), 'Eastside Chapter{Enter}');
  await waitFor(() => expect(screen.getByTestId('step-count').textContent).toBe('Step 2 of 3'));
  expect(renamed).toEqual([['space-1', 'Eastside Chapter']]);
  expect(refreshed).toBe(1);
  // The step moves the focus to its heading once it is painted: wait for it (a loaded machine paints late).
  await waitFor(() => expect(document.activeElement?.textContent).toBe('Regions, working groups and skills'));

  await user.click(screen.getByRole('checkbox', { name: 'Driving' }));
  await user.click(screen.getByRole('button', { name: 'Add 24 items and continue' }));
  expect(screen.getByTestId('step-count').textContent).toBe('Step 3 of 3');
  expect(data.regions.all().map((r) => r.name)).toEqual(['North', 'South', 'East', 'West', 'Central']);
  expect(data.groups.all()).toHaveLength(6);
  expect(data.skills.all().map((s) => s.name)).not.toContain('Driving');

  await user.click(screen.getByRole('button', { name: 'Back to the previous step' }));
  expect(screen.getByTestId('step-count').textContent).toBe('Step 2 of 3');
  await user.click(screen.getByRole('button', { name: 'Skip this step' }));
  await user.click(screen.getByRole('button', { name: 'Import the national list' }));
  expect(routes.pop()).toEqual({ view: 'import' });
  await user.click(screen.getByRole('button', { name: 'Skip: go to Today' }));
  expect(routes.pop()).toEqual({ view: 'today' });
});

test('in Spanish, with plurals', async () => {
  await renderView(
    space(),
    <GetStarted vault={{} as UnlockedVault} spaces={[]} onSpacesChanged={async () => undefined} />,
    'es',
  );
  expect(screen.getByTestId('step-count').textContent).toBe('Paso 1 de 3');
  await userEvent.setup().click(screen.getByRole('button', { name: 'Saltar este paso' }));
  expect(screen.getByRole('button', { name: 'Añadir 25 elementos y continuar' })).toBeTruthy();
});

test('a suggestion the chapter already has (any case) is not added twice', () => {
  const data = space();
  data.groups.create({ name: 'housing', kind: 'committee' });
  const chosen = {
    regions: ['North'],
    groups: ['Housing', 'Labor'],
    skills: [{ name: 'First aid', category: 'health' as const }],
  };
  expect(addSuggestedLists(data, chosen)).toBe(3);
  expect(addSuggestedLists(data, chosen)).toBe(0);
  expect(
    data.groups
      .all()
      .map((g) => g.name)
      .sort(),
  ).toEqual(['Labor', 'housing']);
  expect(data.regions.all()).toHaveLength(1);
});
