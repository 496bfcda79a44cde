import { readFile } from 'node:fs/promises';
import YAML from 'yaml';
import { describeIssues, formatProblems } from '../../protocol/index.js';
import { defaultPaths } from './paths.js';
import { AgentConfig, type AgentConfigInput } from './schema.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Settings given on the command line; undefined means "not given". */
export interface ConfigFlags {
  config?: string;
  collectorUrl?: string;
  enrollSecret?: string;
  stateDir?: string;
  latencyTargets?: string[];
  intervalScale?: number;
  logLevel?: string;
}

type Layer = Record<string, unknown>;

export interface LoadConfigOptions {
  flags?: ConfigFlags;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  readText?: (file: string) => Promise<string>;
}

/** Precedence: flags > environment > file > defaults. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<AgentConfig> {
  const flags = options.flags ?? {};
  const env = options.env ?? process.env;
  const paths = defaultPaths(options.platform, env);
  const explicitFile = flags.config ?? env.SF_AGENT_CONFIG;
  const fileLayer = await readConfigFile(explicitFile ?? paths.configFile, explicitFile !== undefined, options.readText);
  const merged = [{ state_dir: paths.stateDir }, fileLayer, envLayer(env), flagLayer(flags)].reduce(deepMerge, {});
  return validateConfig(merged);
}

export function validateConfig(input: unknown): AgentConfig {
  const parsed = AgentConfig.safeParse(input);
  if (!parsed.success) throw new ConfigError(`invalid configuration: ${formatProblems(describeIssues(parsed.error))}`);
  return parsed.data;
}

/** Defaults plus the given settings, for tests and embedding. */
export function configWith(input: AgentConfigInput): AgentConfig {
  return validateConfig(input);
}

async function readConfigFile(file: string, required: boolean, readText = (f: string) => readFile(f, 'utf8')): Promise<Layer> {
  let text: string;
  try {
    text = await readText(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!required && (code === 'ENOENT' || code === 'ENOTDIR')) return {};
    throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    // YAML is a superset of JSON, so one parser reads both.
    parsed = YAML.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${file} is not valid YAML/JSON: ${(error as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError(`config file ${file} must hold a mapping of settings`);
  return parsed as Layer;
}

export function envLayer(env: NodeJS.ProcessEnv): Layer {
  const layer: Layer = {};
  if (env.SF_COLLECTOR_URL) layer.collector_url = env.SF_COLLECTOR_URL;
  if (env.SF_ENROLL_SECRET) layer.enroll_secret = env.SF_ENROLL_SECRET;
  if (env.SF_COLLECTOR_CA_FILE) layer.collector_ca_file = env.SF_COLLECTOR_CA_FILE;
  if (env.SF_COLLECTOR_PROXY) layer.collector_proxy = env.SF_COLLECTOR_PROXY;
  if (env.SF_STATE_DIR) layer.state_dir = env.SF_STATE_DIR;
  if (env.SF_LOG_LEVEL) layer.log_level = env.SF_LOG_LEVEL;
  if (env.SF_INTERVAL_SCALE) layer.interval_scale = numberOrText(env.SF_INTERVAL_SCALE);
  if (env.SF_SEND_HOSTNAME) layer.privacy = { send_hostname: /^(1|true|yes)$/i.test(env.SF_SEND_HOSTNAME) };
  if (env.SF_LATENCY_TARGETS) layer.latency = { targets: parseTargetList(env.SF_LATENCY_TARGETS.split(',')) };
  return layer;
}

function flagLayer(flags: ConfigFlags): Layer {
  const layer: Layer = {};
  if (flags.collectorUrl !== undefined) layer.collector_url = flags.collectorUrl;
  if (flags.enrollSecret !== undefined) layer.enroll_secret = flags.enrollSecret;
  if (flags.stateDir !== undefined) layer.state_dir = flags.stateDir;
  if (flags.logLevel !== undefined) layer.log_level = flags.logLevel;
  if (flags.intervalScale !== undefined) layer.interval_scale = flags.intervalScale;
  if (flags.latencyTargets !== undefined && flags.latencyTargets.length > 0) {
    layer.latency = { targets: parseTargetList(flags.latencyTargets) };
  }
  return layer;
}

/** `host` or `host=label`. */
function parseTargetList(items: string[]): Array<{ host: string; label?: string }> {
  return items
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
    .map((item) => {
      const eq = item.indexOf('=');
      return eq > 0 ? { host: item.slice(0, eq), label: item.slice(eq + 1) } : { host: item };
    });
}

function numberOrText(value: string): number | string {
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}

function isPlainObject(value: unknown): value is Layer {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars from the later layer replace the earlier. */
export function deepMerge(base: Layer, over: Layer): Layer {
  const out: Layer = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}
