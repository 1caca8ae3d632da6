/** @jest-environment ./test/renderer/sharing/environment.js */
/** The profile's histories: assessment in the chapter's words, ladder stage and status, newest first. */
import { screen, within } from '@testing-library/react';
import { setAssessmentLabel } from '../../../shared/model';
import { MemberHistories } from '../../../renderer/views/member/MemberHistories';
import { renderView, space } from './engagement-render';

function items(name: string | RegExp): string[] {
  const section = screen.getByRole('region', { name });
  return within(section)
    .queryAllByRole('listitem')
    .map((li) => li.textContent!.replace(/^.*?: /, ''));
}

test('each change of assessment, ladder stage and status, newest first, in the chapter’s words', async () => {
  const data = space();
  const id = data.members.create({ firstName: 'Ana', assessment: 2, ladderStage: 'member' });
  data.members.update(id, { assessment: 4, ladderStage: 'leader', membershipStatus: 'lapsed' });
  data.members.update(id, { membershipStatus: 'good_standing' });
  setAssessmentLabel(data, 4, 'Ready to lead');
  const member = data.members.get(id)!;
  await renderView(data, <MemberHistories member={member} />);
  expect(items('Assessment history')).toEqual(['4 · Ready to lead', 'Assessment 2']);
  expect(items('Ladder stage history')).toEqual(['Leader', 'Member']);
  expect(items('Membership status history')).toEqual(['In good standing', 'Lapsed']);
});

test('in Spanish, and a member with no changes yet', async () => {
  const data = space();
  const id = data.members.create({ firstName: 'Ana' });
  await renderView(data, <MemberHistories member={data.members.get(id)!} />, 'es');
  expect(screen.getByRole('region', { name: 'Historial de etapas de participación' }).textContent).toContain(
    'Todavía no hay cambios registrados.',
  );
  expect(screen.getByText('Todavía sin evaluar.')).toBeTruthy();
});
