import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { compose, type Component } from '../../../collector/runtime/components.js';

/** Our own components (the interface is ours, not a real part's): each records its start and stop, and may be told to fail. */
function recorder() {
  const events: string[] = [];
  const part = (name: string, fail: { start?: boolean; stop?: boolean } = {}): Component => ({
    name,
    async start() {
      events.push(`start ${name}`);
      if (fail.start) throw new Error(`${name} would not start`);
    },
    async stop() {
      events.push(`stop ${name}`);
      if (fail.stop) throw new Error(`${name} would not stop`);
    },
  });
  return { events, part };
}

/** A real pino logger writing into an array, so the test reads what the service would log. */
function captured() {
  const lines: Array<{ level: string; msg: string; component?: string; error?: string }> = [];
  const logger = pino(
    { level: 'debug', base: null, timestamp: false, formatters: { level: (label: string) => ({ level: label }) } },
    { write: (line: string) => void lines.push(JSON.parse(line)) },
  );
  return { lines, logger };
}

describe('collector components', () => {
  it('start in order and stop in reverse, each logged at debug', async () => {
    const { events, part } = recorder();
    const { lines, logger } = captured();
    const composed = await compose(logger, async (start) => {
      for (const name of ['telemetry', 'store', 'writer', 'http server']) await start(part(name));
      return 'running';
    });
    expect(composed.value).toBe('running');
    await composed.stop();
    expect(events).toEqual(['start telemetry', 'start store', 'start writer', 'start http server', 'stop http server', 'stop writer', 'stop store', 'stop telemetry']);
    expect(lines.filter((l) => l.level === 'debug').map((l) => `${l.msg} ${l.component}`)).toContain('stopped telemetry');
    // A second stop stops nothing twice.
    await composed.stop();
    expect(events).toHaveLength(8);
  });

  it('a start failure in the middle stops the started ones in reverse, then rethrows', async () => {
    const { events, part } = recorder();
    const { logger } = captured();
    const starting = compose(logger, async (start) => {
      await start(part('telemetry'));
      await start(part('store'));
      await start(part('http server', { start: true }));
      await start(part('scheduler'));
    });
    await expect(starting).rejects.toThrow('http server would not start');
    expect(events).toEqual(['start telemetry', 'start store', 'start http server', 'stop store', 'stop telemetry']);
  });

  it('a failure between starts (not in a component) also stops what started', async () => {
    const { events, part } = recorder();
    const { logger } = captured();
    const starting = compose(logger, async (start) => {
      await start(part('store'));
      throw new Error('catalogue unreadable');
    });
    await expect(starting).rejects.toThrow('catalogue unreadable');
    expect(events).toEqual(['start store', 'stop store']);
  });

  it('a failing stop is logged and the rest are still stopped', async () => {
    const { events, part } = recorder();
    const { lines, logger } = captured();
    const composed = await compose(logger, async (start) => {
      await start(part('store'));
      await start(part('writer', { stop: true }));
      await start(part('http server'));
    });
    await composed.stop();
    expect(events).toEqual(['start store', 'start writer', 'start http server', 'stop http server', 'stop writer', 'stop store']);
    const failure = lines.find((l) => l.level === 'error');
    expect(failure).toMatchObject({ component: 'writer', error: 'Error: writer would not stop' });
  });
});
