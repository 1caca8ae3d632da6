/**
 * Main-side handlers, one per contract channel (the mapped type makes a missing one a type error).
 * They receive requests already validated by `dispatch.ts`; networking goes through NetworkBridge.
 */
import {
  LIMITS,
  type AppInfo,
  type ConnectionMeta,
  type InvokeChannelName,
  type OpenedFile,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../shared/ipc/contract';
import type { FileAccess } from '../os/files';
import { createBackupHandlers } from '../backup/handlers';
import type { BackupService } from '../backup/service';
import type { ByteConnection, NetworkBridge } from '../net-bridge';

export type Handlers = {
  readonly [C in InvokeChannelName]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
};

export interface HandlerDeps {
  readonly appInfo: () => AppInfo;
  readonly files: FileAccess;
  readonly takePendingBundles: () => OpenedFile[];
  readonly network: NetworkBridge;
  /** Gives a connection an id and hands its port to the renderer (see connection-port.ts). */
  readonly announce: (connection: ByteConnection) => ConnectionMeta;
  /** Crash safety and backups (electron/backup). */
  readonly backups: BackupService;
  /** The renderer locked after `app:closing`: the window may close. */
  readonly readyToClose: () => void;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { files, network } = deps;
  // Every inbound connection (LAN listener, Hyperswarm topic) goes straight to the renderer.
  network.onConnection((connection) => void deps.announce(connection));
  return {
    'app:info': async () => deps.appInfo(),
    'bundle:takePending': async () => deps.takePendingBundles(),
    'dialog:openCsv': () => files.open('csv'),
    'dialog:openBundle': () => files.open('bundle'),
    'dialog:saveCsv': async (r) => ({ saved: await files.save('csv', r.suggestedName, r.bytes) }),
    'dialog:saveBundle': async (r) => ({ saved: await files.save('bundle', r.suggestedName, r.bytes) }),
    'dialog:savePdf': async (r) => ({ saved: await files.save('pdf', r.suggestedName, r.bytes) }),
    'net:listen': async (r) => {
      const { listenerId, port } = await network.listen(r.tags, r.port);
      return { listenerId, port };
    },
    'net:advertise': async (r) => network.advertise(r.listenerId, r.tags),
    'net:discover': async (r) => ({
      peers: await network.discover(r.tags, r.timeoutMs ?? LIMITS.discoverTimeoutMs.default),
    }),
    'net:addresses': async () => ({ addresses: network.addresses() }),
    'net:connect': async (r) => {
      const connection = await network.connect(r.host, r.port);
      return { connectionId: deps.announce(connection).connectionId };
    },
    'net:joinTopic': (r) => network.joinTopic(r.topic),
    'net:leaveTopic': (r) => network.leaveTopic(r.topic),
    'net:close': (r) => ('all' in r ? network.closeAll() : network.closeListener(r.listenerId)),
    ...createBackupHandlers(deps.backups, deps.readyToClose),
  };
}
