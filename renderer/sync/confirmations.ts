/**
 * The questions an invite puts to the people on both ends (ARCHITECTURE.md "Sync in the
 * renderer"), in the store's `confirmations` (admin: an invitee proved the code; compare the
 * safety number, then confirm or refuse) and `acceptance` (invitee: connecting, the space to say
 * yes to, waiting for the admin, joined or failed). This class alone writes those two keys.
 */
import { randomId, type DeviceId, type SpaceId } from '../../shared/crypto';
import type { InviteeRequest, SpaceOffer } from '../../shared/sync/peer';
import { Emitter } from '../../shared/util/emitter';
import type { InviteAcceptance, PendingConfirmation, SyncState } from './state';
import type { Part, Store } from './store';

export class Confirmations {
  /** Admin: the person answered about an invitee (the invite it claimed is used either way). */
  readonly answered = new Emitter<[PendingConfirmation]>();
  private readonly part: Part<SyncState, 'confirmations' | 'acceptance'>;
  private readonly answers = new Map<string, (confirmed: boolean) => void>();
  /** Invitee: the person's answer to the space the admin's device proved the code for. */
  private spaceAnswer: ((join: boolean) => void) | undefined;

  constructor(store: Store<SyncState>) {
    this.part = store.claim('confirmations', ['confirmations', 'acceptance']);
  }

  // ------------------------------------------------------------ admin

  /** An invitee proved a code: resolves with the person's answer. */
  ask(request: InviteeRequest): Promise<boolean> {
    const id = randomId();
    const { space, spaceName, device, role, safetyNumber } = request;
    const asked: PendingConfirmation = { id, space, spaceName, device: device.id, role, safetyNumber };
    this.part.update(({ confirmations }) => ({ confirmations: [...confirmations, asked] }));
    return new Promise((resolve) => this.answers.set(id, resolve));
  }

  /** The person compared the safety number (confirmed) or not (refused). */
  answer(confirmationId: string, confirmed: boolean): void {
    const resolve = this.answers.get(confirmationId);
    this.answers.delete(confirmationId);
    const asked = this.part.get().confirmations.find((c) => c.id === confirmationId);
    this.part.update(({ confirmations }) => ({ confirmations: confirmations.filter((c) => c.id !== confirmationId) }));
    if (asked) this.answered.emit(asked);
    resolve?.(confirmed);
  }

  /** The invitee's device left: its questions are refused. */
  dropFor(device: DeviceId): void {
    for (const c of this.part.get().confirmations) if (c.device === device) this.answer(c.id, false);
  }

  // ------------------------------------------------------------ invitee

  get acceptance(): InviteAcceptance | null {
    return this.part.get().acceptance;
  }

  connecting(): void {
    this.part.set({ acceptance: { status: 'connecting' } });
  }

  failed(error: unknown): void {
    this.part.set({ acceptance: { status: 'failed', error } });
  }

  /** The admin's device proved the code; the person sees the space and the safety number first. */
  askToJoin(offer: SpaceOffer): Promise<boolean> {
    this.spaceAnswer?.(false);
    this.part.set({ acceptance: { status: 'confirm', offer, safetyNumber: offer.safetyNumber } });
    return new Promise((resolve) => (this.spaceAnswer = resolve));
  }

  /** The person said yes to the space (the numbers match) or no. */
  answerSpace(join: boolean): void {
    const resolve = this.spaceAnswer;
    this.spaceAnswer = undefined;
    const { acceptance } = this.part.get();
    if (join && acceptance?.status === 'confirm') this.part.set({ acceptance: { ...acceptance, status: 'waiting' } });
    resolve?.(join);
  }

  /** The session that was to prove an invite ended before the space was joined. */
  inviteEnded(error: unknown): void {
    const { acceptance } = this.part.get();
    if (!acceptance || acceptance.status === 'joined') return;
    this.spaceAnswer?.(false); // the question on screen is moot now
    this.spaceAnswer = undefined;
    this.failed(error);
  }

  joined(space: SpaceId): void {
    this.part.set({ acceptance: { status: 'joined', space } });
  }

  clear(): void {
    this.part.set({ acceptance: null });
  }

  /** Every question open is answered no (before the vault locks). */
  close(): void {
    for (const id of [...this.answers.keys()]) this.answer(id, false);
    this.answerSpace(false);
  }
}
