import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { isAppUrl } from '../window/app-origin';

/** What the check reads from an invoke event (tests build these by hand). */
export interface SenderInfo {
  readonly sender: Pick<WebContents, 'id'>;
  readonly senderFrame: Pick<
    NonNullable<IpcMainInvokeEvent['senderFrame']>,
    'url' | 'parent' | 'processId' | 'routingId'
  > | null;
}

/** The window whose main frame may call us; null once it is closed. */
export type TrustedContents = () => Pick<WebContents, 'id' | 'mainFrame'> | null;

/**
 * An invoke is accepted only from the main frame of our own window, showing a page of our app://
 * origin: not from a sub-frame, another WebContents, or a page that navigated elsewhere.
 */
export function createSenderCheck(trusted: TrustedContents): (event: SenderInfo) => boolean {
  return (event) => {
    const contents = trusted();
    const frame = event.senderFrame;
    if (!contents || !frame) return false;
    const main = contents.mainFrame;
    return (
      event.sender.id === contents.id &&
      frame.parent === null &&
      frame.processId === main.processId &&
      frame.routingId === main.routingId &&
      isAppUrl(frame.url)
    );
  };
}
