/**
 * V8 keeps the input of the last successful regular-expression match in `RegExp.input`,
 * `RegExp.lastMatch` and `RegExp.$1`…: after a search or a validation that could be a member's
 * email. After lock, a match on the empty string replaces it (SECURITY.md "What the browser keeps
 * on its own").
 */
export function forgetLastMatch(): void {
  /^$/.exec('');
}
