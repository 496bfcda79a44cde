import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { describeIssues } from '../../protocol/index.js';
import { defaultPaths } from './paths.js';
import { AgentConfig, type AgentConfigInput, CONFIG_FILE_SETTING, SETTINGS } from './schema.js';
import { type SettingRow, flagAttribute, valueFromText } from './setting.js';

/** One thing wrong with the settings, and where it was given (file line, environment variable or flag). */
export interface ConfigProblem {
  field: string;
  message: string;
  source?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly problems: readonly ConfigProblem[] = [],
  ) {
    super(message);
  }
}

/**
 * Settings given on the command line, by commander's name for each flag of the settings table
 * (`--collector-url` → `collectorUrl`, `--latency-target` → `latencyTarget`); undefined means "not given".
 */
export type ConfigFlags = Readonly<Record<string, string | number | readonly string[] | undefined>>;

type Layer = Record<string, unknown>;
type Path = ReadonlyArray<PropertyKey>;

/** A layer of settings and how to say where a value in it came from. */
interface Source {
  values: Layer;
  describe(path: Path): string;
}

export interface LoadConfigOptions {
  flags?: ConfigFlags;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  readText?: (file: string) => Promise<string>;
  /** The collectors this program runs: an `intervals` key naming none of them is a problem (a typo would otherwise be ignored). */
  collectorNames?: readonly string[];
}

const CONFIG_FILE_FLAG = flagAttribute(CONFIG_FILE_SETTING.flag ?? '');

/** Precedence: flags > environment > file > defaults. Every problem is reported at once, each with its source. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<AgentConfig> {
  const flags = options.flags ?? {};
  const env = options.env ?? process.env;
  const paths = defaultPaths(options.platform, env);
  const given = flags[CONFIG_FILE_FLAG] ?? env[CONFIG_FILE_SETTING.env ?? ''];
  const explicitFile = typeof given === 'string' ? given : undefined;
  const sources: Source[] = [
    { values: { state_dir: paths.stateDir }, describe: () => 'default' },
    await readConfigFile(explicitFile ?? paths.configFile, explicitFile !== undefined, options.readText),
    textLayer('env', (row) => (row.setting.spec.env ? nonEmpty(env[row.setting.spec.env]) : undefined), (row) => row.setting.spec.env ?? ''),
    textLayer('flag', (row) => (row.setting.spec.flag ? flagValue(flags[flagAttribute(row.setting.spec.flag)]) : undefined), (row) => row.setting.spec.flag?.split(' ')[0] ?? ''),
  ];
  const merged = sources.map((s) => s.values).reduce(deepMerge, {});
  const names = options.collectorNames;
  const schema = names
    ? AgentConfig.superRefine((config, ctx) => {
        for (const key of Object.keys(config.intervals)) {
          if (!names.includes(key)) ctx.addIssue({ code: 'custom', path: ['intervals', key], message: `no collector named "${key}" (collectors: ${names.join(', ')})` });
        }
      })
    : AgentConfig;
  const parsed = schema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const problems = describeIssues(parsed.error).map((p, i) => ({ ...p, source: sourceOf(sources, parsed.error.issues[i]?.path ?? []) }));
  throw new ConfigError(`invalid configuration: ${problems.map((p) => `${p.field || '(top)'}: ${p.message} (${p.source})`).join('; ')}`, problems);
}

export function validateConfig(input: unknown): AgentConfig {
  const parsed = AgentConfig.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = describeIssues(parsed.error);
  throw new ConfigError(`invalid configuration: ${problems.map((p) => `${p.field || '(top)'}: ${p.message}`).join('; ')}`, problems);
}

/** Defaults plus the given settings, for tests and embedding. */
export function configWith(input: AgentConfigInput): AgentConfig {
  return validateConfig(input);
}

/** The environment variables (or flags) of the settings table that are set, as a layer. */
function textLayer(kind: 'env' | 'flag', read: (row: SettingRow) => string | readonly string[] | number | undefined, name: (row: SettingRow) => string): Source {
  const values: Layer = {};
  const given: SettingRow[] = [];
  for (const row of SETTINGS) {
    const text = read(row);
    if (text === undefined) continue;
    setIn(values, row.path, typeof text === 'number' ? text : valueFromText(row, text));
    given.push(row);
  }
  return { values, describe: (path) => `${kind} ${name(given.find((row) => row.path.every((key, i) => path[i] === key)) ?? given[0]!)}` };
}

const nonEmpty = (text: string | undefined): string | undefined => (text ? text : undefined);
const flagValue = (value: ConfigFlags[string]): string | number | readonly string[] | undefined => (Array.isArray(value) && value.length === 0 ? undefined : value);

async function readConfigFile(file: string, required: boolean, readText = (f: string) => readFile(f, 'utf8')): Promise<Source> {
  let text: string;
  try {
    text = await readText(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!required && (code === 'ENOENT' || code === 'ENOTDIR')) return { values: {}, describe: () => file };
    throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  // YAML is a superset of JSON, so one parser reads both; the line counter lets errors name the line.
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) throw new ConfigError(`config file ${file} is not valid YAML/JSON: ${doc.errors.map((e) => e.message).join('; ')}`);
  const parsed: unknown = doc.toJS();
  if (parsed === null || parsed === undefined) return { values: {}, describe: () => file };
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError(`config file ${file} must hold a mapping of settings`);
  const describe = (path: Path): string => {
    for (let n = path.length; n > 0; n--) {
      const node = doc.getIn(path.slice(0, n) as PropertyKey[], true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return `${file} line ${lines.linePos(node.range[0]).line}`;
    }
    return file;
  };
  return { values: parsed as Layer, describe };
}

/** Where the value at `path` came from: the highest layer that set it, or set a list or value above it (lists replace whole). */
function sourceOf(sources: readonly Source[], path: Path): string {
  for (const source of [...sources].reverse()) {
    let value: unknown = source.values;
    for (const key of path) {
      if (!isPlainObject(value)) break;
      value = value[key as string];
      if (value === undefined) break;
    }
    if (value !== undefined && value !== source.values) return source.describe(path);
  }
  return 'default';
}

function setIn(layer: Layer, path: readonly string[], value: unknown): void {
  let at = layer;
  for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Layer;
  at[path.at(-1) as string] = value;
}

function isPlainObject(value: unknown): value is Layer {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars from the later layer replace the earlier. */
function deepMerge(base: Layer, over: Layer): Layer {
  const out: Layer = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}
