import { AppError } from '../shared/errors';
import type { NetworkBridge } from './net-bridge';

/**
 * Stand-in until electron/net/ provides `createNetworkBridge`: every call fails with a clear
 * 'net-failed', so the rest of the app (file hand-off included) works without networking.
 */
export function unavailableNetworkBridge(): NetworkBridge {
  const fail = async (): Promise<never> => {
    throw new AppError('net-failed', 'peer-to-peer networking is not available in this build');
  };
  return {
    listen: fail,
    discover: fail,
    connect: fail,
    joinTopic: fail,
    leaveTopic: fail,
    closeListener: fail,
    closeAll: async () => undefined,
    onConnection: () => undefined,
  };
}
