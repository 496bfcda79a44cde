/** A stand-in collector on 127.0.0.1: enrols the agent and validates every report it receives. */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Report } from '../../protocol/index.js';
import { procCpu, procMemKb, type ProcCpu } from './proc.js';

// ---------- stand-in collector on loopback ----------

export interface Arrival {
  at: number;
  cpu: ProcCpu;
  rssKb: number;
  wireBytes: number;
  rawBytes: number;
  collectors: string[];
  hasInventory: boolean;
  samples: number;
}

export interface FakeCollector {
  url: string;
  watch(pid: number): void;
  enrolCpu?: ProcCpu;
  arrivals: Arrival[];
  onArrival?: () => void;
  close(): Promise<void>;
}

export async function startFakeCollector(): Promise<FakeCollector> {
  let pid = 0;
  const fake: FakeCollector = {
    url: '',
    arrivals: [],
    watch: (p) => {
      pid = p;
      fake.arrivals = [];
      delete fake.enrolCpu;
    },
    close: async () => {},
  };
  const reply = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // Sampled while the agent waits for the answer: everything it did for this report is counted.
      const cpu = pid ? procCpu(pid) : { self: 0, children: 0 };
      const body = Buffer.concat(chunks);
      if (req.url === '/v1/enroll') {
        fake.enrolCpu = cpu;
        return reply(res, 201, { device_id: 'dev_benchagent01', node_key: 'sfk.bench.key', site_id: 'bench', trust_id: 'bench' });
      }
      if (req.url === '/v1/reports') {
        const raw = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
        const parsed = Report.safeParse(JSON.parse(raw.toString('utf8')));
        if (!parsed.success) {
          console.error('bench: the agent sent an invalid report', parsed.error.issues.slice(0, 3));
          return reply(res, 400, { error: 'invalid report' });
        }
        fake.arrivals.push({
          at: performance.now(),
          cpu,
          rssKb: procMemKb(pid).rssKb,
          wireBytes: req.headers['content-encoding'] === 'gzip' ? body.length : gzipSync(raw).length,
          rawBytes: raw.length,
          collectors: parsed.data.collectors?.map((c) => `${c.collector}${c.ok ? '' : '(failed)'}`) ?? [],
          hasInventory: parsed.data.inventory !== undefined,
          samples: parsed.data.samples?.length ?? 0,
        });
        reply(res, 202, { accepted: true });
        fake.onArrival?.();
        return;
      }
      reply(res, 404, { error: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

