/** The parts of hyperswarm / hyperdht this project uses (the packages ship no types). */
declare module 'hyperdht' {
  import type { EventEmitter } from 'events';
  class HyperDHT extends EventEmitter {
    constructor(options?: {
      bootstrap?: Array<string | { host: string; port: number }>;
      host?: string;
      port?: number;
      ephemeral?: boolean;
    });
    fullyBootstrapped(): Promise<void>;
    /** Who announced `topic` (what any DHT node can ask; tests play that observer). */
    lookup(topic: Uint8Array): AsyncIterable<{ peers: Array<{ publicKey: Uint8Array }> }>;
    destroy(): Promise<void>;
  }
  export = HyperDHT;
}

declare module 'hyperdht/testnet' {
  import type HyperDHT from 'hyperdht';
  interface Testnet {
    readonly nodes: HyperDHT[];
    readonly bootstrap: Array<{ host: string; port: number }>;
    /** An ephemeral node bound to 127.0.0.1 on this testnet. */
    createNode(options?: object): HyperDHT;
    destroy(): Promise<void>;
  }
  function createTestnet(size?: number, options?: { host?: string; port?: number }): Promise<Testnet>;
  export = createTestnet;
}

declare module 'hyperswarm' {
  import type { EventEmitter } from 'events';
  import type { Duplex } from 'stream';
  import type HyperDHT from 'hyperdht';

  namespace Hyperswarm {
    /** A Noise-encrypted stream to one peer. */
    interface Connection extends Duplex {
      readonly remotePublicKey: Uint8Array;
      readonly publicKey: Uint8Array;
      readonly isInitiator: boolean;
      readonly rawStream?: { remoteHost?: string; remotePort?: number };
    }
    interface PeerInfo {
      readonly publicKey: Uint8Array;
      /** True when we opened the connection. */
      readonly client: boolean;
      readonly topics: Uint8Array[];
    }
    interface PeerDiscovery {
      flushed(): Promise<void>;
      /** Announces (server) and looks up (client) again now. */
      refresh(options?: { server?: boolean; client?: boolean }): Promise<void>;
      destroy(): Promise<void>;
    }
    interface Options {
      dht?: HyperDHT;
      bootstrap?: Array<string | { host: string; port: number }>;
      keyPair?: { publicKey: Uint8Array; secretKey: Uint8Array };
      maxPeers?: number;
    }
  }

  class Hyperswarm extends EventEmitter {
    constructor(options?: Hyperswarm.Options);
    readonly dht: HyperDHT;
    readonly connections: Set<Hyperswarm.Connection>;
    readonly destroyed: boolean;
    join(topic: Uint8Array, options?: { server?: boolean; client?: boolean }): Hyperswarm.PeerDiscovery;
    leave(topic: Uint8Array): Promise<void>;
    flush(): Promise<boolean>;
    destroy(options?: { force?: boolean }): Promise<void>;
    on(event: 'connection', listener: (connection: Hyperswarm.Connection, info: Hyperswarm.PeerInfo) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  export = Hyperswarm;
}
