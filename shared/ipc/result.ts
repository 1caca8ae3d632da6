/**
 * How a handler's outcome crosses IPC. Main returns an envelope instead of throwing, because
 * Electron reduces a thrown error to a prefixed message; the preload turns a failure back into
 * a rejected Error whose message starts with the stable code, and `appErrorFromIpc` recovers it.
 */
import { AppError, type ErrorCode } from '../errors';

export type IpcResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: ErrorCode; readonly message: string };

const PREFIX = 'sealed-roster:';

export function ipcErrorMessage(code: ErrorCode, message: string): string {
  return `${PREFIX}${code}: ${message}`;
}

/** Unwraps an envelope as the preload does: the value, or an Error carrying the code in its message. */
export function unwrapIpcResult<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new Error(ipcErrorMessage(result.code, result.message));
}

/** Renderer side: turns an error from an API call back into an AppError with its code. */
export function appErrorFromIpc(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const match = new RegExp(`${PREFIX}([a-z-]+): (.*)$`, 's').exec(text);
  if (match?.[1] && match[2] !== undefined) return new AppError(match[1] as ErrorCode, match[2]);
  return new AppError('ipc-failed', text);
}
