/**
 * Call `listener` whenever `revision()` returns something new, checking every `pollMs`. A failed read is
 * retried on the next tick (the database may be restarting); the timer never keeps the process alive.
 * Returns a function that stops polling.
 */
export function pollRevision(revision: () => Promise<string>, listener: () => void, pollMs: number): () => void {
  let last: string | undefined;
  let busy = false;
  let stopped = false;
  const tick = async (): Promise<void> => {
    if (busy || stopped) return;
    busy = true;
    try {
      const now = await revision();
      if (last !== undefined && now !== last && !stopped) listener();
      last = now;
    } catch {
      // Transient (locked, reconnecting): the next tick tries again.
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), pollMs);
  timer.unref?.();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
