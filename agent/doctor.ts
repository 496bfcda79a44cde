import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import type { AgentConfig } from './config/schema.js';
import { readIdentity } from './identity.js';
import { errorMessage } from './log.js';
import { type CommandRunner, runCommand } from './probes/runner.js';
import { openDiskSpool } from './spool/disk.js';
import { AGENT_VERSION } from './version.js';

export interface DoctorCheck {
  check: string;
  ok: boolean;
  detail: string;
}

/** Local self-checks for support calls; sends no traffic and never prints secrets. */
export async function runDoctor(config: AgentConfig, run: CommandRunner = runCommand): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const add = (check: string, ok: boolean, detail: string): void => {
    checks.push({ check, ok, detail });
  };
  add('version', true, `${AGENT_VERSION} on ${process.platform}/${process.arch}, node ${process.version}`);
  add('collector_url', config.collector_url !== undefined, config.collector_url ?? 'not set (SF_COLLECTOR_URL or --collector-url)');
  try {
    const identity = await readIdentity(config.state_dir);
    add('enrolment', identity !== undefined || config.enroll_secret !== undefined,
      identity ? `enrolled as ${identity.device_id} (site ${identity.site_id})` : config.enroll_secret ? 'not enrolled yet; an enrol secret is set' : 'not enrolled and no enrol secret set');
  } catch (error) {
    add('enrolment', false, errorMessage(error));
  }
  try {
    await access(config.state_dir, constants.W_OK);
    const spool = await openDiskSpool({ dir: path.join(config.state_dir, 'spool'), maxBytes: config.spool.max_bytes });
    const stats = spool.stats();
    add('state_dir', true, `${config.state_dir} writable; spool holds ${stats.count} reports, ${stats.bytes} of ${stats.maxBytes} bytes`);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    add('state_dir', missing, missing ? `${config.state_dir} does not exist yet; run creates it` : `${config.state_dir}: ${errorMessage(error)}`);
  }
  if (config.latency.targets.length > 0) {
    // `ping -V` prints the version only (iputils); other pings fail it harmlessly but prove they exist.
    const ping = await run('ping', ['-V'], { timeoutMs: 5000 });
    add('ping', ping.spawnError === undefined, ping.spawnError ?? (ping.stdout.trim().split('\n')[0] || 'present'));
  }
  return checks;
}
