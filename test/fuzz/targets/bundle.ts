/**
 * Bundle files and device cards (shared/sync/bundle.ts), imported into real vaults: a member's and
 * an outsider's. Besides damaged files, the cases include bundles whose inside was changed and then
 * sealed again to the recipient (as anyone can), and re-signed by the sender (as a hostile member
 * can), so the parser, the signature check and the entries behind them are all reached.
 */
import fc from 'fast-check';
import { openSealedToMe, sealToDevice, sign, type DeviceCard } from '../../../shared/crypto';
import { exportBundle, exportDeviceCard, importBundle, importDeviceCard } from '../../../shared/sync/bundle';
import type { FuzzTarget } from '../harness';
import { mutatedBytes } from '../mutate';
import { makeDevice, open, type TestDevice } from '../../shared/sync/peers';
import { contentOf, reopened, type World } from '../world';

const MAGIC = new TextEncoder().encode('SRB1');
const SIGNATURE_BYTES = 64;

type BundleCase =
  | { readonly kind: 'card'; readonly bytes: Uint8Array }
  | { readonly kind: 'file' | 'inside' | 'signed'; readonly to: 'member' | 'outsider'; readonly bytes: Uint8Array };

function sealedFor(card: DeviceCard, signed: Uint8Array): Uint8Array {
  return Buffer.concat([MAGIC, sealToDevice(card, signed)]);
}

export async function bundleTarget(world: World): Promise<FuzzTarget<BundleCase>> {
  const outsider = await makeDevice('outsider');
  const recipients: Record<'member' | 'outsider', TestDevice> = { member: world.editor, outsider };
  const handle = await open(world.admin, world.space);
  const files = {
    member: await exportBundle(world.admin.vault, handle, { to: world.editor.card }),
    outsider: await exportBundle(world.admin.vault, handle, { to: outsider.card }),
  };
  // What is inside the sealed box: the bundle message and the sender's signature.
  const inside = openSealedToMe(world.editor.vault.deviceIdentity(), files.member.subarray(MAGIC.length));
  const message = inside.subarray(0, inside.length - SIGNATURE_BYTES);
  const cards = [exportDeviceCard(world.editor.vault), exportDeviceCard(outsider.vault)];
  const sender = world.admin.vault.deviceIdentity();
  const memberBefore = contentOf((await open(world.editor, world.space)).doc);
  const to = fc.constantFrom<'member' | 'outsider'>('member', 'outsider');

  return {
    name: 'bundle + device card',
    input: fc.oneof(
      mutatedBytes(cards).map((bytes): BundleCase => ({ kind: 'card', bytes })),
      fc
        .tuple(to, mutatedBytes([files.member, files.outsider]))
        .map(([t, bytes]): BundleCase => ({ kind: 'file', to: t, bytes })),
      fc.tuple(to, mutatedBytes([inside])).map(([t, bytes]): BundleCase => ({ kind: 'inside', to: t, bytes })),
      fc.tuple(to, mutatedBytes([message])).map(([t, bytes]): BundleCase => ({ kind: 'signed', to: t, bytes })),
    ),
    async run(input, attempt) {
      if (input.kind === 'card') {
        attempt(() => importDeviceCard(input.bytes));
        return;
      }
      const recipient = recipients[input.to];
      const file =
        input.kind === 'file'
          ? input.bytes
          : sealedFor(
              recipient.card,
              input.kind === 'inside'
                ? input.bytes
                : Buffer.concat([input.bytes, sign(sender.signSecret, 'bundle', input.bytes)]),
            );
      await attempt(() => importBundle(recipient.vault, file));
    },
    async check() {
      if ((await outsider.vault.listSpaces()).length > 0) throw new Error('the outsider joined a space');
      if (contentOf((await open(world.editor, world.space)).doc) !== memberBefore)
        throw new Error("the member's space changed");
      if ((await reopened(world.editor, world.space)) !== memberBefore) throw new Error("the member's store changed");
    },
  };
}
