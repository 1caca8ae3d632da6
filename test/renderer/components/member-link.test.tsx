/** @jest-environment jsdom */
/** A member's name in Notes, History and "who can teach": a button that opens the member, or plain text. */
import { fireEvent, render, screen } from '@testing-library/react';
import type { SpaceData } from '../../../shared/model/space-data';
import { SpaceContext, type SpaceState } from '../../../renderer/app/SpaceContext';
import type { Route } from '../../../renderer/app/routes';
import { MemberLink } from '../../../renderer/components/MemberLink';

function inSpace(ui: React.ReactNode) {
  const routes: Route[] = [];
  const state: SpaceState = {
    data: {} as SpaceData, // MemberLink reads only navigate
    spaceId: 's',
    deviceId: 'd',
    navigate: (r) => routes.push(r),
  };
  render(<SpaceContext.Provider value={state}>{ui}</SpaceContext.Provider>);
  return routes;
}

test('with a member: a button named by the member that opens their page', () => {
  const routes = inSpace(<MemberLink memberId="m1">Rosa Parks</MemberLink>);
  fireEvent.click(screen.getByRole('button', { name: 'Rosa Parks' }));
  expect(routes).toEqual([{ view: 'member', memberId: 'm1' }]);
});

test('without one (deleted, or a note about nobody): the name as plain text, nothing to press', () => {
  inSpace(<MemberLink memberId={undefined}>Deleted member</MemberLink>);
  expect(screen.getByText('Deleted member').tagName).not.toBe('BUTTON');
  expect(screen.queryByRole('button')).toBeNull();
});
