import { z } from 'zod';
import { latencySettings } from '../collectors/latency/settings.js';
import { sendHostname } from '../collectors/os/settings.js';
import { sendSsid } from '../collectors/wifi/settings.js';
import { type SettingSpec, rowsOf, schemaOf, setting } from './setting.js';
import { SnmpConfig } from './snmp.js';

export { LatencyTarget } from '../collectors/latency/settings.js';

const seconds = z.number().positive().max(7 * 24 * 3600);

/**
 * The agent's settings table: every setting once, nested as in the YAML file, with its schema
 * (default included), environment variable, flag and help. The config schema, the environment and
 * flag layers (load.ts), the CLI's options (cli.ts) and docs/agent-configuration.md are derived
 * from it. A collector's own settings live in its folder (collectors/<name>/settings.ts) and are
 * placed here under their YAML key.
 */
export const SETTINGS_TABLE = {
  collector_url: setting(z.url({ protocol: /^https?$/ }).optional(), { env: 'SF_COLLECTOR_URL', flag: '--collector-url <url>', help: 'collector base URL (https:// unless the collector is on this machine)', defaultText: '— (required)' }),
  collector_ca_file: setting(z.string().min(1).optional(), {
    env: 'SF_COLLECTOR_CA_FILE',
    help: "PEM file of the CA that signed the collector's certificate, when it is the trust's own PKI",
    details: 'Node does not read the Windows or macOS certificate store; this CA is trusted in addition to the public ones.',
    defaultText: '—',
  }),
  collector_proxy: setting(z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(), {
    env: 'SF_COLLECTOR_PROXY',
    help: 'an HTTP proxy to reach the collector through, e.g. http://proxy.trust.nhs.uk:8080',
    details: "HTTPS is tunnelled with CONNECT and the collector's certificate is still checked end to end; HTTPS_PROXY is not read.",
    defaultText: '— (direct)',
  }),
  enroll_secret: setting(z.string().min(16).max(200).optional(), { env: 'SF_ENROLL_SECRET', flag: '--enroll-secret <secret>', help: 'site enrol secret, needed on first run only', defaultText: '— (needed until enrolled)' }),
  state_dir: setting(z.string().min(1), { env: 'SF_STATE_DIR', flag: '--state-dir <dir>', help: 'identity and spool directory', defaultText: 'per OS (table above)' }),
  log_level: setting(z.enum(['debug', 'info', 'warn', 'error']).default('info'), { env: 'SF_LOG_LEVEL', flag: '--log-level <level>', help: 'log level (JSON lines on stderr; keys and secrets are never logged)' }),
  privacy: {
    send_hostname: sendHostname,
    send_ssid: sendSsid,
  },
  intervals: setting(z.record(z.string(), seconds).default({}), {
    help: "seconds between runs per collector (`intervals.latency: 60`), overriding the collector's own interval; a key naming no collector is refused",
    defaultText: "each collector's own (collectors table below)",
  }),
  interval_scale: setting(z.number().positive().max(100).default(1), { env: 'SF_INTERVAL_SCALE', flag: '--interval-scale <factor>', help: 'multiply every interval and backoff (e.g. 0.01 for tests)' }),
  inventory_resend_hours: setting(z.number().positive().max(24 * 30).default(24), { help: 'unchanged inventory is still sent at least this often (it is also sent whenever it changes)' }),
  collector_timeout_seconds: setting(z.number().positive().max(3600).default(120), { help: 'wall-clock budget per collector per cycle, in seconds; a hung probe is killed and reported' }),
  latency: latencySettings,
  snmp: setting(SnmpConfig.prefault({}), { help: 'site poller: SNMP `targets`, `credentials` (secrets only by `*_env` or `*_file`), `concurrency`, `timeout_ms`, `retries`, `max_repetitions`, `target_budget_ms`, `check_default_communities` (agent/config/snmp.ts)', defaultText: 'no targets: nothing polled' }),
  spool: {
    max_bytes: setting(z.number().int().min(64 * 1024).default(50 * 1024 * 1024), { help: 'disk spool bound in bytes; beyond it the oldest sample-only reports are dropped first and the latest inventory is kept', defaultText: '52428800 (50 MB)' }),
  },
  sender: {
    backoff_initial_seconds: setting(z.number().positive().default(1), { help: 'first retry delay in seconds (exponential backoff with full jitter; Retry-After is honoured)' }),
    backoff_max_seconds: setting(z.number().positive().default(300), { help: 'longest retry delay in seconds' }),
    request_timeout_seconds: setting(z.number().positive().default(30), { help: 'budget per report POST, in seconds' }),
  },
};

/** The config file itself: a flag and an environment variable, not a key in the file. */
export const CONFIG_FILE_SETTING: SettingSpec = { env: 'SF_AGENT_CONFIG', flag: '--config <file>', help: 'config file (YAML or JSON)', defaultText: 'per OS (table above)' };

/** Every setting, flattened: `{ key: 'latency.targets', path, setting }`. */
export const SETTINGS = rowsOf(SETTINGS_TABLE);

export const AgentConfig = schemaOf(SETTINGS_TABLE);
export type AgentConfig = z.infer<typeof AgentConfig>;
/** What config sources provide before defaults and validation. */
export type AgentConfigInput = z.input<typeof AgentConfig>;
