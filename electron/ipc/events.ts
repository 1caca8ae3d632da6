import type { WebContents } from 'electron';
import type { EventChannelName, PayloadOf } from '../../shared/ipc/contract';

/** Main → renderer notification, typed by the contract so a payload cannot drift from it. */
export function sendEvent<E extends EventChannelName>(
  contents: Pick<WebContents, 'send'>,
  channel: E,
  payload: PayloadOf<E>,
): void {
  contents.send(channel, payload);
}
