import { Command, InvalidArgumentError } from 'commander';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AdminClient } from '../collector/admin-client.js';
import { adminTokenPath, tokenPath } from '../collector/service.js';
import { loadFleet } from './load-fleet.js';
import { startProgram, stopProgram, waitFor } from './processes.js';

const LOCAL_SITE = { site_id: 'demo-local', trust_id: 'demo', name: 'This machine', trust_name: 'Demo trust' };

interface DemoOptions {
  dir: string;
  port: number;
  devices: number;
  days: number;
  seed: number;
  exit: boolean;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return n;
}

const program = new Command('sf-demo')
  .description(
    'Starts the collector on embedded ClickHouse, enrols and runs a real agent on this machine (probing loopback only), ' +
      'loads a simulated fleet through the HTTP API, and prints the URLs. Re-running reuses the data and stores no duplicates.',
  )
  .option('--dir <dir>', 'where the demo keeps its data and logs', '.sf-demo')
  .option('--port <port>', 'collector port on 127.0.0.1', positive, 8470)
  .option('--devices <n>', 'simulated endpoints', positive, 3000)
  .option('--days <n>', 'days of history per simulated device', positive, 7)
  .option('--seed <n>', 'seed of the simulated fleet', positive, 1)
  .option('--exit', 'stop everything once loaded instead of running until Ctrl-C', false)
  .action(run);

async function run(options: DemoOptions): Promise<void> {
  const dir = resolve(options.dir);
  const dataDir = join(dir, 'collector');
  mkdirSync(dir, { recursive: true });
  const log = createWriteStream(join(dir, 'demo.log'), { flags: 'a' });
  const url = `http://127.0.0.1:${options.port}`;
  const say = (line: string) => console.log(line);

  say(`Starting the collector (embedded ClickHouse in ${dataDir}) …`);
  const collector = startProgram('collector', ['serve', '--data-dir', dataDir, '--listen', `127.0.0.1:${options.port}`], log);
  const children = [collector];
  const shutdown = async () => {
    for (const child of children.reverse()) await stopProgram(child);
    log.end();
  };
  process.once('SIGINT', () => void shutdown().then(() => process.exit(0)));
  process.once('SIGTERM', () => void shutdown().then(() => process.exit(0)));
  collector.once('exit', (code) => {
    if (code) console.error(`The collector exited with code ${code}; see ${join(dir, 'demo.log')}`);
  });

  try {
    await waitFor('the collector to be ready', async () => ((await fetch(`${url}/readyz`)).ok ? true : undefined), 60_000);
    const admin = new AdminClient(url, readFileSync(adminTokenPath(dataDir), 'utf8').trim());

    await admin.addSite(LOCAL_SITE);
    const secret = await admin.createEnrollSecret(LOCAL_SITE.site_id);
    say('Starting a real agent on this machine (latency probes to 127.0.0.1 only) …');
    const agent = startProgram(
      'agent',
      ['run', '--collector-url', url, '--enroll-secret', secret, '--state-dir', join(dir, 'agent'), '--latency-target', '127.0.0.1'],
      log,
    );
    children.push(agent);

    say(`Loading a simulated fleet: ${options.devices} endpoints, ${options.days} days of reports, over HTTP …`);
    const started = Date.now();
    const loaded = await loadFleet(url, admin.token, { seed: options.seed, devices: options.devices, days: options.days, now: new Date() }, 256);
    const seconds = (Date.now() - started) / 1000;
    say(
      `  ${loaded.devices} devices, ${loaded.reportsSent} reports sent in ${seconds.toFixed(1)} s ` +
        `(${loaded.reportsStored} new, ${loaded.duplicates} already stored); ${loaded.assets} assets in the asset registers; ` +
        `${loaded.sitePollers} site servers polling ${loaded.networkDevices} switches, routers, firewalls and access points`,
    );

    say(`Scoring the last ${options.days} days (daily snapshots for the trend) …`);
    await admin.backfillScores(options.days);

    const stats = await waitFor(
      "the local agent's first report",
      async () => {
        const s = await admin.stats();
        return (s.reports_by_site[LOCAL_SITE.site_id] ?? 0) > 0 ? s : undefined;
      },
      120_000,
    );
    say('');
    say(`Stored: ${stats.devices} devices, ${stats.reports} reports, ${stats.latency_samples} latency and ${stats.wifi_samples} Wi-Fi samples.`);
    say('');
    const viewerToken = readFileSync(tokenPath(dataDir, 'viewer'), 'utf8').trim();
    say(`Dashboard        ${url}/   (sign in with the viewer token: ${viewerToken})`);
    say(`Collector        ${url}`);
    say(`Health           ${url}/healthz   ${url}/readyz`);
    const viewer = `-H "Authorization: Bearer $(cat ${tokenPath(dataDir, 'viewer')})"`;
    say(`Trust scores     curl ${viewer} ${url}/v1/scores`);
    say(`Unsupported OS   curl ${viewer} "${url}/v1/devices?list=unsupported&format=csv"`);
    say(`Since yesterday  curl ${viewer} "${url}/v1/findings/changes?format=csv"   # new and resolved findings`);
    say(`Controls         curl ${viewer} ${url}/v1/controls`);
    say(`Ingest stats     curl -H "Authorization: Bearer $(cat ${adminTokenPath(dataDir)})" ${url}/v1/admin/stats`);
    say(`Logs             ${join(dir, 'demo.log')}`);
    say('');
    if (options.exit) {
      await shutdown();
      return;
    }
    say('Running. Press Ctrl-C to stop the collector and the agent.');
  } catch (error) {
    await shutdown();
    throw error;
  }
}

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(`sf-demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
