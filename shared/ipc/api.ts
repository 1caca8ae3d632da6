/**
 * The shape of `window.sealedRoster`, derived from the contract: channel `group:name` becomes
 * `api.group.name(request)` (a Promise of the response), and event `group:name` becomes
 * `api.group.onName(listener)` returning an unsubscribe function.
 */
import type { EventChannelName, InvokeChannelName, PayloadOf, RequestOf, ResponseOf } from './contract';

type GroupOf<C extends string> = C extends `${infer G}:${string}` ? G : never;
type NameOf<C extends string> = C extends `${string}:${infer N}` ? N : never;

/** Channels whose request is the empty object take no argument (the preload sends `{}`). */
type InvokeFunction<C extends InvokeChannelName> =
  Record<string, never> extends RequestOf<C>
    ? () => Promise<ResponseOf<C>>
    : (request: RequestOf<C>) => Promise<ResponseOf<C>>;

export type Unsubscribe = () => void;
type Subscribe<E extends EventChannelName> = (listener: (payload: PayloadOf<E>) => void) => Unsubscribe;

type Groups = GroupOf<InvokeChannelName> | GroupOf<EventChannelName>;

export type SealedRosterApi = {
  readonly [G in Groups]: {
    readonly [C in InvokeChannelName as GroupOf<C> extends G ? NameOf<C> : never]: InvokeFunction<C>;
  } & {
    readonly [E in EventChannelName as GroupOf<E> extends G ? `on${Capitalize<NameOf<E>>}` : never]: Subscribe<E>;
  };
};

/** Splits a channel name into the API group and member name (`net:joinTopic` → `net`, `joinTopic`). */
export function apiPathOf(channel: string): { group: string; member: string } {
  const at = channel.indexOf(':');
  if (at <= 0 || at === channel.length - 1) throw new Error(`channel name must be group:name, got ${channel}`);
  return { group: channel.slice(0, at), member: channel.slice(at + 1) };
}

/** The member name an event subscription gets: `app:lock` → `onLock`. */
export function subscriptionNameOf(channel: string): { group: string; member: string } {
  const { group, member } = apiPathOf(channel);
  return { group, member: `on${member.charAt(0).toUpperCase()}${member.slice(1)}` };
}
