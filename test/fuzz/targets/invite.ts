/**
 * Invite codes as typed by a person (normalizeInviteCode) and invites as stored, sealed, in the
 * admin's vault (shared/sync/invite.ts): a damaged record must read as an error, not a crash.
 */
import fc from 'fast-check';
import type { DeviceId } from '../../../shared/crypto';
import {
  claimedInvite,
  claimInvite,
  createInvite,
  findInvite,
  listInvites,
  normalizeInviteCode,
} from '../../../shared/sync/invite';
import type { FuzzTarget } from '../harness';
import { mutatedBytes, mutatedText, mutatedValue } from '../mutate';
import type { World } from '../world';

type InviteCase =
  { readonly kind: 'typed'; readonly text: string } | { readonly kind: 'stored'; readonly bytes: Uint8Array };

const NOW = 1_700_000_000_000;

export async function inviteTarget(world: World): Promise<FuzzTarget<InviteCase>> {
  const vault = world.admin.vault;
  const invite = await createInvite(vault, world.space, 'editor', { now: NOW });
  const name = `invite:${invite.id}`;
  const stored = (await vault.getPrivate(name))!;
  const json = JSON.parse(new TextDecoder().decode(stored)) as unknown;
  const toBytes = (v: unknown) => {
    try {
      return new TextEncoder().encode(JSON.stringify(v) ?? '');
    } catch {
      return new Uint8Array(0);
    }
  };
  const typed = [
    invite.code,
    invite.code.toLowerCase(),
    invite.code.replace(/-/g, ' '),
    invite.code.replace(/0/g, 'O'),
  ];
  const peer = world.editor.card.id as DeviceId;
  return {
    name: 'invite',
    input: fc.oneof(
      mutatedText(typed).map((text): InviteCase => ({ kind: 'typed', text })),
      fc
        .oneof(mutatedBytes([stored]), mutatedValue([json]).map(toBytes))
        .map((bytes): InviteCase => ({ kind: 'stored', bytes })),
    ),
    async run(input, attempt) {
      if (input.kind === 'typed') {
        attempt(() => normalizeInviteCode(input.text));
        return;
      }
      await vault.putPrivate(name, input.bytes);
      const plain = invite.code.replace(/-/g, '');
      await attempt(async () => {
        const match = await findInvite(vault, (c) => c === plain, NOW);
        if (match) await claimInvite(vault, match, peer, NOW);
      });
      await attempt(() => claimedInvite(vault, world.space, peer));
      await attempt(() => listInvites(vault, NOW));
    },
  };
}
