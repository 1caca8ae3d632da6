/** @jest-environment ./test/renderer/sharing/environment.js */
/**
 * The member profile, Today and the first-run steps follow a co-organizer's edit as it arrives: each reads
 * through useRecords and names every collection it shows (ARCHITECTURE.md "Views read what they show"), so an
 * edit to any of them, synced in, is on the screen without leaving it. One test per collection a view reads.
 */
import { act, screen, within } from '@testing-library/react';
import { today } from '../../../renderer/app/today';
import { MemberProfile } from '../../../renderer/views/member/MemberProfile';
import { NearbyHelp } from '../../../renderer/views/member/NearbyHelp';
import { loadCentroids } from '../../../renderer/views/places/geo';
import { MembersStep } from '../../../renderer/views/start/MembersStep';
import { Today } from '../../../renderer/views/today/Today';
import { addDays } from '../../../shared/model';
import { setTermLimit } from '../../../shared/model/chapter-rules';
import { renderView, space } from './render-view';
import { coOrganizer } from '../../shared/model/co-organizer';

const section = (name: string) => screen.getByRole('region', { name });

describe('the member profile', () => {
  test('follows the member’s own record (members)', async () => {
    const data = space();
    const ana = data.members.create({ firstName: 'Ana', lastName: 'Pérez' });
    const peer = coOrganizer(data);
    await renderView(data, <MemberProfile memberId={ana} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Ana Pérez');
    peer.edit((d) => d.members.update(ana, { lastName: 'Ruiz' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Ana Ruiz');
    peer.edit((d) => d.members.delete(ana));
    expect(screen.getByText('No member is selected. Open one from the roster.')).toBeTruthy();
  });

  test('follows the roles the member holds (roles)', async () => {
    const data = space();
    const ana = data.members.create({ firstName: 'Ana' });
    const peer = coOrganizer(data);
    await renderView(data, <MemberProfile memberId={ana} />);
    expect(within(section('Leadership roles')).queryByText(/^Treasurer:/)).toBeNull();
    peer.edit((d) => d.roles.create({ role: 'treasurer', holderId: ana, termStart: '2026-01-01' }));
    expect(within(section('Leadership roles')).getByText(/^Treasurer: Jan 1, 2026/)).toBeTruthy();
  });

  test('follows the catalogue and the member’s skills (skills, memberSkills)', async () => {
    const data = space();
    const ana = data.members.create({ firstName: 'Ana' });
    const peer = coOrganizer(data);
    await renderView(data, <MemberProfile memberId={ana} />);
    const skills = () => section('Skills');
    expect(within(skills()).queryByRole('option', { name: 'Spanish' })).toBeNull();
    let skill = '';
    peer.edit((d) => (skill = d.skills.create({ name: 'Spanish' })));
    expect(within(skills()).getByRole('option', { name: 'Spanish' })).toBeTruthy();
    peer.edit((d) => d.memberSkills.setLevel(ana, skill, 'can_teach'));
    expect(within(skills()).getByLabelText('Level for Spanish')).toBeTruthy();
    peer.edit((d) => d.skills.update(skill, { name: 'Spanish (fluent)' }));
    expect(within(skills()).getByLabelText('Level for Spanish (fluent)')).toBeTruthy();
  });

  test('follows the regions and groups it names (regions, groups)', async () => {
    const data = space();
    const region = data.regions.create({ name: 'Eastside', zips: [] });
    const group = data.groups.create({ name: 'Housing' });
    const ana = data.members.create({ firstName: 'Ana', regionId: region, groupIds: [group] });
    const peer = coOrganizer(data);
    await renderView(data, <MemberProfile memberId={ana} />);
    expect(section('Where').textContent).toContain('Eastside');
    expect(section('Working groups and tags').textContent).toContain('Housing');
    peer.edit((d) => d.regions.update(region, { name: 'East LA' }));
    expect(section('Where').textContent).toContain('East LA');
    peer.edit((d) => d.groups.update(group, { name: 'Tenants' }));
    expect(section('Working groups and tags').textContent).toContain('Tenants');
  });

  test('follows the names of the skills a training taught (skills, in the attendance)', async () => {
    const data = space();
    const ana = data.members.create({ firstName: 'Ana' });
    const skill = data.skills.create({ name: 'Canvassing' });
    data.attendance.create({
      eventName: 'Door training',
      kind: 'training',
      date: '2026-03-01',
      memberIds: [ana],
      skillIds: [skill],
    });
    const peer = coOrganizer(data);
    await renderView(data, <MemberProfile memberId={ana} />);
    expect(screen.getByText('Training · Canvassing')).toBeTruthy();
    peer.edit((d) => d.skills.update(skill, { name: 'Door knocking' }));
    expect(screen.getByText('Training · Door knocking')).toBeTruthy();
  });

  test('names the skills of who nearby can help (skills, memberSkills, catalogue)', async () => {
    const data = space();
    const skill = data.skills.create({ name: 'Tutoring' });
    data.catalogue.save('need', 'homework', { label: 'Homework help', skillIds: [skill] });
    const ana = data.members.create({ firstName: 'Ana', zip: '90033', needs: ['homework'] });
    const zoe = data.members.create({ firstName: 'Zoe', zip: '90033' });
    const peer = coOrganizer(data);
    await renderView(data, <NearbyHelp member={data.members.get(ana)!} />);
    // The ZIP centroids and the regions next to each other load on first use.
    await act(async () => {
      await loadCentroids();
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(screen.getByText('Nobody nearby has what meets this need.')).toBeTruthy();
    peer.edit((d) => d.memberSkills.setLevel(zoe, skill, 'can_do'));
    expect(screen.getByRole('button', { name: 'Zoe' }).closest('li')?.textContent).toContain('Tutoring');
    peer.edit((d) => d.skills.update(skill, { name: 'Homework tutoring' }));
    expect(screen.getByRole('button', { name: 'Zoe' }).closest('li')?.textContent).toContain('Homework tutoring');
  });
});

describe('Today', () => {
  function chapter() {
    const data = space('dev-me');
    const ben = data.members.create({ firstName: 'Ben', lastName: 'Okafor' });
    return { data, ben, peer: coOrganizer(data) };
  }

  test('follows the notes, the names in their lines, and the members who joined (notes, members)', async () => {
    const { data, ben, peer } = chapter();
    await renderView(data, <Today />);
    expect(screen.getByRole('region', { name: 'Newly joined (0)' })).toBeTruthy();
    // A follow-up of ours (made on this device, synced back from the co-organizer's copy).
    data.notes.create({
      kind: 'call',
      memberId: ben,
      date: addDays(today(), -3),
      nextStep: 'Call back',
      dueDate: today(),
    });
    expect(screen.getByRole('button', { name: 'Call back (Ben Okafor)' })).toBeTruthy();
    peer.edit((d) => d.members.update(ben, { lastName: 'Adeyemi' }));
    expect(screen.getByRole('button', { name: 'Call back (Ben Adeyemi)' })).toBeTruthy();
    peer.edit((d) => d.members.create({ firstName: 'Cy', joinDate: today() }));
    expect(within(screen.getByRole('region', { name: 'Newly joined (1)' })).getByText('Cy')).toBeTruthy();
  });

  test('follows the meetings (attendance)', async () => {
    const { data, peer } = chapter();
    await renderView(data, <Today />);
    expect(screen.getByRole('region', { name: 'Meetings coming up (0)' })).toBeTruthy();
    peer.edit((d) =>
      d.attendance.create({ eventName: 'General meeting', kind: 'general_meeting', date: addDays(today(), 2) }),
    );
    expect(screen.getByRole('button', { name: 'General meeting' })).toBeTruthy();
  });

  test('follows the roles and the chapter’s term limits (roles, meta)', async () => {
    const { data, ben, peer } = chapter();
    const cy = data.members.create({ firstName: 'Cy', lastName: 'Young' });
    await renderView(data, <Today />);
    // Ben's term ended with nobody to take over.
    peer.edit((d) =>
      d.roles.create({
        role: 'secretary',
        holderId: ben,
        termStart: addDays(today(), -400),
        termEnd: addDays(today(), -5),
      }),
    );
    expect(screen.getByRole('button', { name: 'Rotation due: Secretary (Ben Okafor)' })).toBeTruthy();
    // Cy's second term in a row as treasurer ends within the notice window, and a third one is recorded for Cy:
    // followed, so not due until the chapter limits terms.
    peer.edit((d) => {
      for (const [from, to] of [
        [-800, -401],
        [-400, 30],
        [31, 400],
      ] as const) {
        d.roles.create({
          role: 'treasurer',
          holderId: cy,
          termStart: addDays(today(), from),
          termEnd: addDays(today(), to),
        });
      }
    });
    expect(screen.queryByRole('button', { name: 'Rotation due: Treasurer (Cy Young)' })).toBeNull();
    peer.edit((d) => setTermLimit(d, 'treasurer', { maxTerms: 1 }));
    // Due once, for the term that is running (not also for the one recorded after it).
    expect(screen.getAllByRole('button', { name: 'Rotation due: Treasurer (Cy Young)' })).toHaveLength(1);
  });

  test('offers the first-run steps only while the roster is empty (members)', async () => {
    const data = space('dev-me');
    const peer = coOrganizer(data);
    await renderView(data, <Today />);
    expect(screen.getByRole('region', { name: 'Your roster is empty' })).toBeTruthy();
    peer.edit((d) => d.members.create({ firstName: 'Ana' }));
    expect(screen.queryByRole('region', { name: 'Your roster is empty' })).toBeNull();
  });
});

test('the first run’s roster step offers the sample chapter only while the roster is empty (members)', async () => {
  const data = space();
  const peer = coOrganizer(data);
  await renderView(data, <MembersStep onSkip={() => undefined} />);
  expect(screen.getByRole('button', { name: 'Create the sample chapter' })).toBeTruthy();
  peer.edit((d) => d.members.create({ firstName: 'Ana' }));
  expect(screen.queryByRole('button', { name: 'Create the sample chapter' })).toBeNull();
  expect(screen.getByText('The roster already has members: the sample is only made in an empty space.')).toBeTruthy();
});
