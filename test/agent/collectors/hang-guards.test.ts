import { type AddressInfo, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { pingCommand } from '../../../agent/collectors/latency/ping-command.js';
import { tcpConnectAttempt } from '../../../agent/collectors/latency/socket-probes.js';

// A command's timeout is a hang guard, never part of the answer: it must leave the command all the
// time it gives itself, with room for a busy machine to schedule it late (issue 14, results by load).
describe('ping hang guard', () => {
  it.each([
    [1, 500],
    [4, 1000],
    [10, 3000],
  ])('iputils: the runner waits at least twice ping’s own -w deadline (count %i, reply wait %i ms)', (count, wait) => {
    const plan = pingCommand('linux', '127.0.0.1', count, wait);
    const deadlineSeconds = Number(plan.args[plan.args.indexOf('-w') + 1]);
    expect(plan.timeoutMs).toBeGreaterThanOrEqual(2 * deadlineSeconds * 1000);
  });

  it.each([
    [1, 500],
    [10, 500],
    [4, 3000],
  ])('Windows and macOS: at least twice the longest run ping allows itself (count %i, reply wait %i ms)', (count, wait) => {
    // Windows waits for each reply (up to -w) before the next echo, at least 1 s apart; BSD ping sends
    // every second and waits -W after the last one.
    expect(pingCommand('win32', '::1', count, wait).timeoutMs).toBeGreaterThanOrEqual(2 * count * Math.max(1000, wait));
    expect(pingCommand('darwin', '::1', count, wait).timeoutMs).toBeGreaterThanOrEqual(2 * ((count - 1) * 1000 + wait));
  });
});

describe('connect probe timer on a busy machine', () => {
  it('an answer that arrived in time is not lost to a timer that became due in the same loop turn', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const attempt = tcpConnectAttempt({ address: '127.0.0.1', port, timeoutMs: 20, signal: new AbortController().signal });
      // Queued after the connect call: the agent is then descheduled (blocked) long past the probe's
      // timeout, while the kernel completes the loopback handshake. When it runs again, the timer and
      // the answer are both due; the answer came first and must count.
      process.nextTick(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200));
      expect(await attempt).toMatchObject({ ok: true });
    } finally {
      server.close();
    }
  });
});
