/** Resolves after the browser has painted, so a "working…" state shows before a blocking step (Argon2id). */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** Resolves in a new task (a macrotask), so that input and painting can run before what follows. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
