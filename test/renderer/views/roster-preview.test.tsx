/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The roster at unlock from the space's read index (renderer/app/roster-preview.ts; ARCHITECTURE.md "The
 * roster's read index"): while only the preview exists, the roster shows its rows, its search and its
 * filters, and the actions that write (add, make a list, saved views, opening or deleting a member) wait
 * with a reason; when the space comes, the roster keeps showing the preview, never its loading state, until
 * the live members are read, then reads them, with the search text, filters and sort kept; an edit from a
 * peer after that shows as always. The index is the model's own (shared/model/roster-index.ts). (jsdom lays
 * out no rows of the virtual table: the rows' own buttons are seen in Chromium, test/e2e/roster-preview.e2e.test.ts.)
 */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import * as Y from 'yjs';
import { RosterPreview, RosterPreviewContext } from '../../../renderer/app/roster-preview';
import { SpaceContext, useSpace } from '../../../renderer/app/SpaceContext';
import { setLoadingOf, SpaceLoading } from '../../../renderer/app/space-loading';
import { changesOf } from '../../../renderer/app/space-changes';
import { Roster } from '../../../renderer/views/roster/Roster';
import { SpaceData } from '../../../shared/model';
import { readRosterIndex, rosterIndexPieces } from '../../../shared/model/roster-index';
import { renderView, space } from './render-view';
import { coOrganizer } from '../../shared/model/co-organizer';

const MANY = 300;

/** Slices that run when the test says. */
function manual() {
  const slices: (() => void)[] = [];
  let clock = 0;
  return {
    loading: new SpaceLoading(
      (slice) => slices.push(slice),
      () => clock++,
    ),
    runAll: () => {
      while (slices.length) act(() => slices.shift()!());
    },
  };
}

/** A chapter as stored at the last lock: its read index, and the document a fresh unlock loads. */
function chapter() {
  const writer = space();
  const east = writer.regions.create({ name: 'Eastside' });
  for (let i = 0; i < MANY; i++)
    writer.members.create({
      firstName: i === 7 ? 'Zuleika' : `Member${String(i).padStart(4, '0')}`,
      lastName: 'Test',
      ...(i % 2 ? { regionId: east, regionByHand: true } : {}),
    });
  const index = readRosterIndex(rosterIndexPieces(writer).map((piece) => piece()));
  return { index, doc: writer.doc };
}

/** The shell's part: the space's state while opening (a stand-in, `opening`), then the live one. */
let open: (data: SpaceData) => void = () => undefined;
function Opening({ preview }: { readonly preview: RosterPreview }) {
  const outer = useSpace();
  const [live, setLive] = useState<SpaceData | null>(null);
  open = (data) => setLive(data);
  const [standIn] = useState(() => new SpaceData(new Y.Doc(), 'dev-A', { migrate: false }));
  const state = live ? { ...outer, data: live } : { ...outer, data: standIn, opening: 'space' as const };
  return (
    <SpaceContext.Provider value={state}>
      <RosterPreviewContext.Provider value={preview}>
        <Roster />
      </RosterPreviewContext.Provider>
    </SpaceContext.Provider>
  );
}

test('the preview’s rows and search before the space is whole; writing waits; the swap keeps the query', async () => {
  const { index, doc } = chapter();
  const previewSlices = manual();
  const preview = new RosterPreview(index, previewSlices.loading);
  const user = userEvent.setup();
  await renderView(space(), <Opening preview={preview} />);
  // The preview's search index is built in slices, then the rows show: the whole roster, no loading state.
  expect(screen.getByTestId('roster-loading')).toBeTruthy();
  previewSlices.runAll();
  expect(screen.getByTestId('roster-count').getAttribute('data-count')).toBe(String(MANY));

  // Search and filters work on the preview.
  await user.type(screen.getByLabelText('Search'), 'Zule');
  expect(screen.getByTestId('roster-count').getAttribute('data-count')).toBe('1');
  await user.clear(screen.getByLabelText('Search'));
  await user.selectOptions(screen.getByLabelText('Region'), 'Eastside');
  expect(screen.getByTestId('roster-count').getAttribute('data-count')).toBe(String(MANY / 2));
  await user.type(screen.getByLabelText('Search'), 'Member000');

  // Writing and opening a member wait, and say why.
  const why = 'The space is still opening: adding, changing and opening members wait until it is ready.';
  const add = screen.getByRole('button', { name: 'Add member' }) as HTMLButtonElement;
  expect(add.disabled).toBe(true);
  expect(document.getElementById(add.getAttribute('aria-describedby')!)?.textContent).toBe(why);
  expect(screen.getByRole('button', { name: /Make a list/ })).toHaveProperty('disabled', true);

  // The space comes: its members are read in slices, and meanwhile the preview stays on screen.
  const data = new SpaceData(doc, 'dev-A');
  const liveSlices = manual();
  setLoadingOf(data, liveSlices.loading);
  data.doc.on('afterTransaction', () => act(() => changesOf(data).flush())); // as render-view.tsx does
  act(() => open(data));
  expect(screen.queryByTestId('roster-loading')).toBeNull();
  expect(screen.getByTestId('roster-count').getAttribute('data-count')).toBe('4'); // Member0001, 0003, 0005, 0009 (0007 is Zuleika)
  expect(add.disabled).toBe(true);
  liveSlices.runAll();
  // Live now: the same search, filter and rows, and the actions are there.
  expect((screen.getByLabelText('Search') as HTMLInputElement).value).toBe('Member000');
  expect((screen.getByLabelText('Region') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Eastside');
  expect(screen.getByTestId('roster-count').getAttribute('data-count')).toBe('4');
  expect((screen.getByRole('button', { name: 'Add member' }) as HTMLButtonElement).disabled).toBe(false);
  expect(screen.queryByText(why)).toBeNull();

  // A co-organizer's edit after the swap is shown, as always.
  const east = data.regions.all()[0]!.id;
  coOrganizer(data, act).edit((d) =>
    d.members.create({ firstName: 'Member0009b', lastName: 'New', regionId: east, regionByHand: true }),
  );
  expect(screen.getByTestId('roster-count').getAttribute('data-count')).toBe('5');
});
