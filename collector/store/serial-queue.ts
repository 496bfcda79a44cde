/**
 * Runs async tasks one at a time, in arrival order.
 *
 * The embedded engine races when parameterised queries run concurrently (see
 * ARCHITECTURE.md, "Known limits"), so in embedded mode every store call goes through one.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.tail.then(task, task);
    this.tail = result.then(
      () => this.pending--,
      () => this.pending--,
    );
    return result;
  }

  /** Tasks queued or running; lets shutdown wait for in-flight work before closing the engine. */
  get size(): number {
    return this.pending;
  }

  async drain(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }
}
