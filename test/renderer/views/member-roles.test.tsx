/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * A member's leadership roles on their profile: each term's days as the app writes days in the organizer's
 * language (not as stored), and each Remove button says which role it removes.
 */
import { screen } from '@testing-library/react';
import { MemberRoles } from '../../../renderer/views/member/MemberRoles';
import { renderView, space } from './engagement-render';

test.each([
  ['en', 'Treasurer: Oct 28, 2024 – Oct 27, 2025', 'Remove Treasurer'],
  ['es', 'Tesorería: 28 oct 2024 – 27 oct 2025', 'Quitar Tesorería'],
] as const)('%s: a term reads in the app’s day format, and its Remove button names it', async (lng, line, remove) => {
  const data = space();
  const ana = data.members.create({ firstName: 'Ana' });
  data.roles.create({ role: 'treasurer', holderId: ana, termStart: '2024-10-28', termEnd: '2025-10-27' });
  await renderView(data, <MemberRoles memberId={ana} />, lng);
  const item = screen.getByRole('listitem');
  expect(item.textContent).toContain(line);
  expect(item.textContent).not.toContain('2024-10-28');
  expect(screen.getByRole('button', { name: remove })).toBeTruthy();
});
