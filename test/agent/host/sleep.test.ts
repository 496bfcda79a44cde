import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Wakeup, sleep } from '../../../agent/host/sleep.js';

describe('sleep and Wakeup', () => {
  it('a woken wait leaves no listener on the outer signal behind', async () => {
    const outer = new AbortController();
    const wakeup = new Wakeup();
    for (let i = 0; i < 50; i++) {
      const waiting = wakeup.wait(60_000, outer.signal);
      wakeup.wake();
      await waiting;
    }
    expect(getEventListeners(outer.signal, 'abort')).toHaveLength(0);
  });

  it('the outer signal ends a wait, and a wait on an aborted signal returns at once', async () => {
    const outer = new AbortController();
    const waiting = new Wakeup().wait(60_000, outer.signal);
    outer.abort();
    await waiting;
    const started = Date.now();
    await new Wakeup().wait(60_000, outer.signal);
    await sleep(60_000, outer.signal);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('without a wake it sleeps for the time asked', async () => {
    const started = Date.now();
    await new Wakeup().wait(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
