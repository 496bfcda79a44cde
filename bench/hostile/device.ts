/**
 * The hostile device of `bench:hostile`, in its own process (as a real device is): POSTs finding 1's
 * poison reports at the given rate until told to stop, then sends back the answers counted by status.
 * Arguments: <collector url> <device id> <node key> <reports per second> [both|number|months]. Loopback only (checked).
 */
import { randomUUID } from 'node:crypto';
import type { Report } from '../../protocol/index.js';

const [url, deviceId, nodeKey, rateText, kinds = 'both'] = process.argv.slice(2);
if (!url || !deviceId || !nodeKey || !rateText || !url.startsWith('http://127.0.0.1:')) {
  throw new Error('usage: device.ts http://127.0.0.1:<port> <device id> <node key> <rate> (loopback only)');
}
const MONTH_MS = 31 * 86_400_000;

/** The two poison reports of finding 1, alternately: a number in exponent form, samples over 101 months. */
function poisonReport(sent: number): Report {
  const now = Date.now();
  const n = kinds === 'number' ? 0 : kinds === 'months' ? 1 : sent;
  const samples = n % 2 === 0 ? 1 : 101;
  const report: Report = {
    schema: 'sf.report/v1',
    report_id: randomUUID(),
    device_id: deviceId!,
    agent_version: '0.1.0',
    collected_at: new Date(now).toISOString(),
    samples: Array.from({ length: samples }, (_, i) => ({
      kind: 'latency' as const, ts: new Date(now - i * MONTH_MS).toISOString(), target: '127.0.0.1', method: 'icmp' as const,
      sent: 5, received: 5, loss_pct: 0, rtt_min_ms: 0.02, rtt_avg_ms: 0.04, rtt_max_ms: 0.09, jitter_ms: 0.01,
    })),
  };
  if (n % 2 === 0) {
    report.network_devices = [{ target: 'core-1', address: '127.0.0.1', polled_at: report.collected_at, snmp_version: 'v2c', security_level: 'community', uptime_seconds: 1e21 }];
  }
  return report;
}

const statuses: Record<string, number> = {};
const inFlight = new Set<Promise<void>>();
let n = 0;
const timer = setInterval(() => {
  const sent = fetch(`${url}/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${nodeKey}` },
    body: JSON.stringify(poisonReport(n++)),
  })
    .then(async (r) => {
      await r.arrayBuffer();
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    })
    .catch(() => void (statuses.error = (statuses.error ?? 0) + 1));
  inFlight.add(sent);
  void sent.finally(() => inFlight.delete(sent));
}, 1000 / Number(rateText));

process.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  void Promise.all([...inFlight]).then(() => process.send!(statuses, () => process.exit(0)));
});
process.send!('ready');
