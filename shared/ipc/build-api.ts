/**
 * Builds the SealedRosterApi object from two primitives (call a channel, subscribe to an event):
 * one async function per invoke channel, one `onX` per event channel, nothing else, errors
 * carrying the stable code. The Electron preload (over ipcRenderer) and the browser host's client
 * (over its WebSocket) both use it, so the two APIs cannot drift apart.
 */
import { apiPathOf, subscriptionNameOf, type SealedRosterApi, type Unsubscribe } from './api';
import { eventChannelNames, invokeChannelNames } from './contract';
import { unwrapIpcResult, type IpcResult } from './result';

export interface ApiTransport {
  invoke(channel: string, payload: unknown): Promise<IpcResult<unknown>>;
  subscribe(channel: string, listener: (payload: unknown) => void): Unsubscribe;
}

export function buildApi(transport: ApiTransport): SealedRosterApi {
  const groups: Record<string, Record<string, unknown>> = {};
  const put = ({ group, member }: { group: string; member: string }, fn: unknown): void => {
    groups[group] ??= {};
    groups[group][member] = fn;
  };
  for (const channel of invokeChannelNames) {
    put(apiPathOf(channel), async (request: unknown = {}) => unwrapIpcResult(await transport.invoke(channel, request)));
  }
  for (const channel of eventChannelNames) {
    put(subscriptionNameOf(channel), (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${channel}: listener must be a function`);
      return transport.subscribe(channel, listener);
    });
  }
  for (const group of Object.values(groups)) Object.freeze(group);
  return Object.freeze(groups) as unknown as SealedRosterApi;
}
