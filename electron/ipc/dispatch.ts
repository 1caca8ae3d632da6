/**
 * The gate every invoke passes: sender check, then the contract's zod validator, then the handler.
 * Failures come back as an IpcResult with a stable code; nothing is acted on before both checks.
 */
import type { IpcMain } from 'electron';
import { isAppError } from '../../shared/errors';
import { invokeChannelNames, invokeChannels, type InvokeChannelName, type ResponseOf } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';
import type { Handlers } from './handlers';
import type { SenderInfo } from './sender';

export interface DispatchDeps {
  readonly handlers: Handlers;
  readonly isTrustedSender: (event: SenderInfo) => boolean;
  /** Unexpected (non-AppError) failures are logged here; their text never reaches the renderer. */
  readonly logError?: (channel: string, error: unknown) => void;
}

export async function dispatch<C extends InvokeChannelName>(
  channel: C,
  payload: unknown,
  event: SenderInfo,
  deps: DispatchDeps,
): Promise<IpcResult<ResponseOf<C>>> {
  if (!deps.isTrustedSender(event)) {
    return {
      ok: false,
      code: 'ipc-forbidden-sender',
      message: `${channel} refused: the sender is not the app's window`,
    };
  }
  const parsed = invokeChannels[channel].request.safeParse(payload);
  if (!parsed.success) {
    // Paths and rule names only: the offending values may be member data.
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`).join('; ');
    return { ok: false, code: 'ipc-bad-request', message: `${channel} refused: ${why}` };
  }
  const handler = deps.handlers[channel] as (request: unknown) => Promise<ResponseOf<C>>;
  try {
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, message: error.message };
    deps.logError?.(channel, error);
    return { ok: false, code: 'ipc-failed', message: `${channel} failed` };
  }
}

/** Registers one `ipcMain.handle` per contract channel, each going through `dispatch`. */
export function registerHandlers(ipcMain: Pick<IpcMain, 'handle'>, deps: DispatchDeps): void {
  for (const channel of invokeChannelNames) {
    ipcMain.handle(channel, (event, payload: unknown) => dispatch(channel, payload, event, deps));
  }
}
