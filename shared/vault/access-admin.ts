/**
 * Access administration of one open space, as this device (ARCHITECTURE.md "The space handle and
 * who depends on what"): adding an organizer, admitting an invitee, removing one, changing a role,
 * and rotating the space key. Each is one signed access entry built by shared/space's builders and
 * taken like any arriving entry (`changeAccess`), so the rules of shared/space/README.md decide.
 *
 * The removal cutoff is chosen here, once for every caller: the last content entry of the device
 * that this device holds. Its later entries are refused everywhere (SECURITY.md "The access log
 * against its own members"); what this device already took stays.
 */
import { deviceIdOf, type DeviceCard, type DeviceId, type DeviceIdentity, type SpaceId } from '../crypto';
import type { Entry } from '../log/entry';
import { addDevice, removeDevice, rotateKey, setRole, type Role, type SpaceAccess } from '../space';
import type { SpaceHeads } from './space-read';
import type { ReceiveReport } from './space-receive';

/** What administration needs of an open space (SpaceHandle gives it). */
export interface AdministeredSpace {
  readonly id: SpaceId;
  /** Read only: who is in the space with which role, and its epoch keys. */
  readonly access: SpaceAccess;
  heads(): SpaceHeads;
  /** Builds one access entry as this device and takes it like an arriving one; throws if it is refused. */
  changeAccess(build: (access: SpaceAccess, me: DeviceIdentity) => Entry): Promise<ReceiveReport>;
}

export class AccessAdmin {
  private readonly me: DeviceId;

  constructor(
    private readonly space: AdministeredSpace,
    private readonly identity: DeviceIdentity,
  ) {
    this.me = deviceIdOf(identity.signPublic);
  }

  get spaceId(): SpaceId {
    return this.space.id;
  }

  /** The device's last content entry this device holds: the cutoff of its removal or loss of the right to write. */
  removalCutoff(device: DeviceId): number {
    return this.space.heads().content.find((h) => h.author === device)?.seq ?? 0;
  }

  /** Adds a device from its card (checked by the builder: its box key must be signed by it). */
  async add(card: DeviceCard, role: Role): Promise<void> {
    await this.space.changeAccess((access, me) => addDevice(access, me, card, role));
  }

  /**
   * An invitee both people confirmed (shared/sync/peer.ts): added with the card it proved in the
   * handshake, unless it is a member already (the same invite answered twice). True when added.
   */
  async admit(card: DeviceCard, role: Role): Promise<boolean> {
    if (this.space.access.roleOf(card.id) !== undefined) return false;
    await this.add(card, role);
    return true;
  }

  /** Removes a device; a new epoch is sealed only to the others, so it cannot read what comes after. */
  async remove(device: DeviceId): Promise<void> {
    await this.space.changeAccess((access, me) => removeDevice(access, me, device, this.removalCutoff(device)));
  }

  async setRole(device: DeviceId, role: Role): Promise<void> {
    await this.space.changeAccess((access, me) => setRole(access, me, device, role, this.removalCutoff(device)));
  }

  /**
   * Merged access changes call for a new key (shared/space/README.md "the next admin online rotates
   * again") and this device may make it. False once the space is closed.
   */
  rotationDue(): boolean {
    try {
      return this.space.access.canAdminister(this.me) && this.space.access.needsRotation(this.identity);
    } catch {
      return false; // the space was closed
    }
  }

  /** This device's place among the space's admins by device id (0 first): how long it waits before rotating. */
  adminRank(): number {
    const admins = this.space.access
      .members()
      .filter((m) => m.role === 'admin')
      .map((m) => m.card.id);
    return Math.max(0, admins.indexOf(this.me));
  }

  async rotate(): Promise<void> {
    await this.space.changeAccess(rotateKey);
  }
}
