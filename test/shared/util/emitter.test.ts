import { Emitter } from '../../../shared/util/emitter';

test('listeners are called in the order added, with the arguments; removed ones are not', () => {
  const emitter = new Emitter<[number, string]>();
  const calls: string[] = [];
  emitter.on((n, s) => calls.push(`first ${n} ${s}`));
  const off = emitter.on(() => calls.push('second'));
  emitter.emit(1, 'x');
  off();
  emitter.emit(2, 'y');
  expect(calls).toEqual(['first 1 x', 'second', 'first 2 y']);
  expect(emitter.size).toBe(1);
});

test('a listener that throws does not keep the others from being called; the error is thrown after them', () => {
  const emitter = new Emitter();
  const calls: string[] = [];
  emitter.on(() => {
    throw new Error('listener broke');
  });
  emitter.on(() => calls.push('after'));
  expect(() => emitter.emit()).toThrow('listener broke');
  expect(calls).toEqual(['after']);
});

test('with onListenerError, what a listener throws goes there', () => {
  const errors: unknown[] = [];
  const emitter = new Emitter<[]>((e) => errors.push(e));
  const calls: string[] = [];
  emitter.on(() => {
    throw new Error('a');
  });
  emitter.on(() => calls.push('b'));
  expect(() => emitter.emit()).not.toThrow();
  expect(errors).toEqual([new Error('a')]);
  expect(calls).toEqual(['b']);
});

test('a listener added or removed during emit changes the next emit, not this one', () => {
  const emitter = new Emitter();
  const calls: string[] = [];
  const offB = emitter.on(() => calls.push('b'));
  emitter.on(() => {
    calls.push('a');
    offB();
    emitter.on(() => calls.push('c'));
  });
  emitter.emit();
  expect(calls).toEqual(['b', 'a']);
  emitter.clear();
  emitter.emit();
  expect(calls).toEqual(['b', 'a']);
});
