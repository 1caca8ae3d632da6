/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * A large space's first read, in slices (renderer/app/space-loading.ts; ARCHITECTURE.md "Views read what they
 * show"): the roster and Today show their loading state while the members are read and indexed a slice per
 * task, then their rows; a co-organizer's edit that arrives between two slices is on the screen once they are
 * done; a small space shows at once. The slices run when the test says (a loader with its own next task).
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setLoadingOf, SpaceLoading } from '../../../renderer/app/space-loading';
import { Roster } from '../../../renderer/views/roster/Roster';
import { Today } from '../../../renderer/views/today/Today';
import { SpaceData } from '../../../shared/model';
import { renderView, space } from '../views/render-view';
import { coOrganizer } from '../../shared/model/co-organizer';

/** More members than a render reads at once. */
const MANY = 600;

/** A loader whose slices run when `runSlice` is called; each slice reads about 128 records (its clock moves 1 ms per question). */
function manualLoading(data: SpaceData) {
  const slices: (() => void)[] = [];
  let clock = 0;
  const loading = new SpaceLoading(
    (slice) => slices.push(slice),
    () => clock++,
  );
  setLoadingOf(data, loading);
  return {
    pending: () => slices.length,
    runSlice: () => act(() => slices.shift()?.()),
    runAll: () => {
      let n = 0;
      while (slices.length) {
        act(() => slices.shift()!());
        n++;
      }
      return n;
    },
  };
}

/** A chapter of `n` members, read by a fresh SpaceData (as after unlock: nothing read yet). */
function chapter(n: number) {
  const writer = space();
  for (let i = 0; i < n; i++)
    writer.members.create({ firstName: `Member${String(i).padStart(4, '0')}`, lastName: 'Test' });
  const data = new SpaceData(writer.doc, 'dev-A');
  return data;
}

describe('the roster of a large space', () => {
  test('shows its loading state while the members are read in slices, then every row', async () => {
    const data = chapter(MANY);
    data.attendance.create({ eventName: 'General meeting', kind: 'general_meeting', date: '2026-01-10' });
    const loading = manualLoading(data);
    // The first render lists nothing: every collection is read in the slices.
    const listed = [jest.spyOn(data.members, 'all'), jest.spyOn(data.attendance, 'all')];
    await renderView(data, <Roster />);
    for (const spy of listed) expect(spy).not.toHaveBeenCalled();
    expect(screen.getByRole('heading', { level: 1, name: 'Roster' })).toBeTruthy();
    expect(screen.getByTestId('roster-loading').textContent).toBe('Reading the members…');
    expect(screen.queryByTestId('roster-count')).toBeNull();
    // Several slices, not one: the work is spread over tasks.
    expect(loading.runAll()).toBeGreaterThan(3);
    expect(screen.queryByTestId('roster-loading')).toBeNull();
    expect(screen.getByTestId('roster-count').getAttribute('data-count')).toBe(String(MANY));
  });

  test('a co-organizer’s edits that arrive between two slices are shown, and found by the search', async () => {
    const data = chapter(MANY);
    const loading = manualLoading(data);
    const edit = coOrganizer(data, act).edit;
    const ids = data.members.ids();
    await renderView(data, <Roster />);
    loading.runSlice();
    loading.runSlice();
    expect(screen.getByTestId('roster-loading')).toBeTruthy();
    // The first member is read already, the last not yet; one is added, one deleted.
    edit((d) => d.members.update(ids[0]!, { firstName: 'Zelda' }));
    edit((d) => d.members.update(ids[MANY - 1]!, { firstName: 'Yolanda' }));
    edit((d) => d.members.create({ firstName: 'Xiomara', lastName: 'New' }));
    edit((d) => d.members.delete(ids[MANY - 2]!));
    loading.runAll();
    expect(screen.getByTestId('roster-count').getAttribute('data-count')).toBe(String(MANY));
    const search = screen.getByRole('searchbox', { name: 'Search' });
    for (const name of ['Zelda', 'Yolanda', 'Xiomara']) {
      await userEvent.clear(search);
      await userEvent.type(search, name);
      // (jsdom lays out no rows for the virtual table: the count says what the search found.)
      expect(screen.getByTestId('roster-count').getAttribute('data-count')).toBe('1');
    }
    await userEvent.clear(search);
    await userEvent.type(search, 'Member0598');
    expect(screen.getByTestId('roster-count').getAttribute('data-count')).toBe('0');
  });

  test('a small space is shown at once', async () => {
    const data = chapter(20);
    const loading = manualLoading(data);
    await renderView(data, <Roster />);
    expect(loading.pending()).toBe(0);
    expect(screen.getByTestId('roster-count').getAttribute('data-count')).toBe('20');
  });
});

describe('Today on a large space', () => {
  test('says it is reading the space, then lists who joined', async () => {
    const writer = space('dev-me');
    for (let i = 0; i < MANY; i++) writer.members.create({ firstName: `Member${i}`, lastName: 'Test' });
    const data = new SpaceData(writer.doc, 'dev-me');
    const loading = manualLoading(data);
    const edit = coOrganizer(data, act).edit;
    await renderView(data, <Today />);
    expect(screen.getByTestId('today-loading').textContent).toBe(
      'Reading the space… Your follow-ups, meetings and new members show here in a moment.',
    );
    // Said once: "Needs you" says what it is waiting for, not the same words again.
    expect(screen.getAllByText(/Reading the space/)).toHaveLength(1);
    expect(screen.getByText('Checking what needs you…')).toBeTruthy();
    // "Needs you" does not say "nothing" before the rotations due are known; the record lists wait in one panel.
    expect(screen.queryByText('Nothing needs you right now.')).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: 'Needs you' })).toBeTruthy(); // no "(0)" before it is known
    expect(screen.queryByRole('heading', { name: /Newly joined/ })).toBeNull();
    loading.runSlice();
    // A co-organizer adds a member who joined yesterday while the members are being read.
    const yesterday = new Date(Date.now() - 86_400_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const joinDate = `${yesterday.getFullYear()}-${pad(yesterday.getMonth() + 1)}-${pad(yesterday.getDate())}`;
    edit((d) => d.members.create({ firstName: 'Ana', lastName: 'Ruiz', joinDate }));
    loading.runAll();
    expect(screen.queryByTestId('today-loading')).toBeNull();
    expect(screen.queryByText(/Reading the space/)).toBeNull();
    expect(screen.queryByText('Checking what needs you…')).toBeNull();
    expect(within(screen.getByTestId('today-joined')).getByRole('button', { name: 'Ana Ruiz' })).toBeTruthy();
    expect(screen.getByText('Nothing needs you right now.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Needs you (0)' })).toBeTruthy();
  });
});
