/** Resolves after the browser has painted, so a "working…" state shows before a blocking step (Argon2id). */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
