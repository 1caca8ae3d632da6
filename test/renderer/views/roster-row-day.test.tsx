/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The roster's "Joined" column reads the day in the organizer's language (renderer/components/dates.ts),
 * not as stored (2024-03-05); sorting still goes by the stored day. (jsdom lays out no rows of the virtual
 * table, so the row is drawn as the table draws it; the sorted table is seen in test/e2e/roster.e2e.test.ts.)
 */
import { screen } from '@testing-library/react';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../../../renderer/app/useLabels';
import { useDayFormat } from '../../../renderer/components/dates';
import { RosterRow, rowText } from '../../../renderer/views/roster/RosterRow';
import { sortMembers } from '../../../renderer/views/roster/rows';
import type { Member } from '../../../shared/model/member';
import { renderView, space } from './render-view';

/** One row with the table's own strings. */
function Row({ member }: { readonly member: Member }) {
  const { t } = useTranslation();
  const text = rowText(t, useLabels(), useDayFormat());
  return (
    <div role="table">
      <RosterRow
        member={member}
        index={0}
        start={0}
        regionName=""
        attended={0}
        active={false}
        text={text}
        onOpen={() => undefined}
        onDelete={() => undefined}
        selected={false}
        onSelect={() => undefined}
      />
    </div>
  );
}

test.each([
  ['en', 'Mar 5, 2024', 'In good standing'],
  ['es', '5 mar 2024', 'Al corriente'],
])('in %s the joined day reads %s, and the status its label', async (lng, day, status) => {
  const data = space();
  const ana = data.members.get(
    data.members.create({ firstName: 'Ana', joinDate: '2024-03-05', membershipStatus: 'good_standing' }),
  )!;
  await renderView(data, <Row member={ana} />, lng);
  const cells = screen.getAllByRole('cell').map((c) => c.textContent);
  expect(cells).toContain(day);
  expect(cells).toContain(status);
  expect(cells.join(' ')).not.toMatch(/\d{4}-\d{2}-\d{2}/);
});

test('sorting by joined goes by the day itself, not by its words (Aug, Dec, Jan would be the order of words)', () => {
  const data = space();
  for (const [firstName, joinDate] of [
    ['Jan', '2024-01-10'],
    ['Dec', '2023-12-31'],
    ['Aug', '2024-08-01'],
  ] as const)
    data.members.create({ firstName, joinDate });
  const sorted = sortMembers(data.members.all(), { key: 'joinDate', direction: 'ascending' });
  expect(sorted.map((m) => m.firstName)).toEqual(['Dec', 'Jan', 'Aug']);
});
