/** The sync service's small parts: arrival progress, typed addresses, discovery keys and tags. */
import { initCrypto, type SpaceId } from '../../../shared/crypto';
import { createVault } from '../../../shared/vault';
import { parseAddress } from '../../../renderer/sync/address';
import { advertisedTags, soughtTags, topicsOf } from '../../../renderer/sync/discovery-keys';
import { ArrivalTracker } from '../../../renderer/sync/progress';
import { addOrganizer } from '../../../renderer/sync/organizers';
import { exportBundle, importBundle } from '../../../shared/sync/bundle';
import { HOUR_MS, inviteDiscoveryKey, spaceDiscoveryKey } from '../../../shared/sync/discovery';
import { fast, freshEnv } from '../../shared/vault/helpers';

beforeAll(() => initCrypto());

const heads = (access: [string, number][], content: [string, number][]) => ({
  access: access.map(([author, seq]) => ({ author, seq })),
  content: content.map(([author, seq]) => ({ author, seq })),
});

test('arrival progress: entries announced by peers that we lack, and how many of them are stored', () => {
  const space = 's' as SpaceId;
  const tracker = new ArrivalTracker(space);
  tracker.announce(
    heads(
      [['a', 2]],
      [
        ['a', 100],
        ['b', 10],
      ],
    ),
    heads([['a', 2]], [['a', 40]]),
  );
  expect(tracker.progress(heads([['a', 2]], [['a', 40]]))).toEqual({ space, received: 0, expected: 70 });
  // A second peer knows more of b: the target grows, the base stays.
  tracker.announce(heads([], [['b', 30]]), heads([['a', 2]], [['a', 50]]));
  expect(
    tracker.progress(
      heads(
        [['a', 2]],
        [
          ['a', 50],
          ['b', 5],
        ],
      ),
    ),
  ).toEqual({ space, received: 15, expected: 90 });
  // Everything arrived: nothing to show.
  expect(
    tracker.progress(
      heads(
        [['a', 2]],
        [
          ['a', 100],
          ['b', 30],
        ],
      ),
    ),
  ).toBeUndefined();
  // A peer that holds less than we do announces nothing to expect.
  const idle = new ArrivalTracker(space);
  idle.announce(heads([], [['a', 3]]), heads([], [['a', 9]]));
  expect(idle.progress(heads([], [['a', 9]]))).toBeUndefined();
});

test('addresses as people type them; anything else is refused', () => {
  expect(parseAddress(' 192.168.1.20:41234 ')).toEqual({ host: '192.168.1.20', port: 41234 });
  expect(parseAddress('laptop.local:7000')).toEqual({ host: 'laptop.local', port: 7000 });
  expect(parseAddress('[fe80::1%eth0]:80')).toEqual({ host: 'fe80::1%eth0', port: 80 });
  for (const bad of [
    '',
    'host',
    'host:',
    ':80',
    'host:0',
    'host:65536',
    'a b:80',
    'fe80::1:80',
    'h/x:80',
    'host:80:90',
  ]) {
    expect({ bad, parsed: parseAddress(bad) }).toEqual({ bad, parsed: null });
  }
});

test('members of a space derive the same tags and topic; other spaces and outsiders do not', async () => {
  const { vault: admin } = await createVault(freshEnv(), 'admin passphrase', fast);
  const { vault: member } = await createVault(freshEnv(), 'member passphrase', fast);
  const space = await admin.createSpace('Chapter');
  const other = await admin.createSpace('Working group');
  await addOrganizer(admin, space, member.device, 'viewer');
  const handle = await admin.openSpace(space);
  await importBundle(member, await exportBundle(admin, handle, { to: member.device }));

  const adminKey = spaceDiscoveryKey(handle, admin.deviceIdentity())!;
  const memberKey = spaceDiscoveryKey(await member.openSpace(space), member.deviceIdentity())!;
  const otherKey = spaceDiscoveryKey(await admin.openSpace(other), admin.deviceIdentity())!;
  expect(memberKey).toEqual(adminKey);
  expect(otherKey).not.toEqual(adminKey);
  // Advertised tags change every hour and are recognised by a peer whose clock is a little behind.
  const now = 1_800_000_000_000 - (1_800_000_000_000 % HOUR_MS) + 60_000; // one minute into an hour
  expect(topicsOf(memberKey, now)).toEqual(topicsOf(adminKey, now));
  expect(topicsOf(adminKey, now)).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/)]);
  expect(topicsOf(otherKey, now)).not.toEqual(topicsOf(adminKey, now));
  const [tag] = advertisedTags([{ key: adminKey, owner: { kind: 'space', space } }], now);
  expect(tag).toMatch(/^[0-9a-f]{32}$/);
  expect(advertisedTags([{ key: adminKey, owner: { kind: 'space', space } }], now + HOUR_MS)).not.toEqual([tag]);
  expect(soughtTags([{ key: memberKey, owner: { kind: 'space', space } }], now - 2 * 60_000).get(tag!)).toEqual({
    kind: 'space',
    space,
  });
  expect(soughtTags([{ key: otherKey, owner: { kind: 'space', space: other } }], now).has(tag!)).toBe(false);

  // An invite's key comes from its code however it is typed; a non-code is refused.
  const code = 'ABCD-EFGH-JKMN-PQRS-TVWX-YZ01';
  expect(inviteDiscoveryKey('abcd efgh jkmn pqrs tvwx yzo1')).toEqual(inviteDiscoveryKey(code));
  expect(inviteDiscoveryKey(code)).not.toEqual(inviteDiscoveryKey('ABCD-EFGH-JKMN-PQRS-TVWX-YZ02'));
  expect(() => inviteDiscoveryKey('ABCD')).toThrow(expect.objectContaining({ code: 'invite-invalid' }));
});
