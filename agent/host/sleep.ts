/** Resolves after `ms`, or early (without throwing) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A sleep that can be cut short from outside: wakes a sleeping loop early. */
export class Wakeup {
  private wakeCurrent: (() => void) | undefined;

  // Waking aborts the sleep itself, so its timer and its listener on `signal` go with it
  // (racing a second promise against the sleep left both behind on every wake).
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    if (signal?.aborted) stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.wakeCurrent = onAbort;
    return sleep(ms, stop.signal).finally(() => {
      signal?.removeEventListener('abort', onAbort);
      this.wakeCurrent = undefined;
    });
  }

  wake(): void {
    this.wakeCurrent?.();
  }
}
