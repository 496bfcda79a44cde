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

/** A promise that can be resolved from outside: wakes a sleeping loop early. */
export class Wakeup {
  private resolveCurrent: (() => void) | undefined;
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    const wake = new Promise<void>((resolve) => (this.resolveCurrent = resolve));
    return Promise.race([sleep(ms, signal), wake]).finally(() => (this.resolveCurrent = undefined));
  }
  wake(): void {
    this.resolveCurrent?.();
  }
}
