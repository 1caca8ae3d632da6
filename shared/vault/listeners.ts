import { Emitter } from '../util/emitter';

/** A listener's failure is its own business: storage has already succeeded when it is told. */
export const ignoreListenerError = (): void => undefined;

/** The space handle's listener sets: shared/util's Emitter, under the name the handle calls it by. */
export class Listeners<A extends unknown[]> extends Emitter<A> {
  constructor() {
    super(ignoreListenerError);
  }

  add = this.on;
}
