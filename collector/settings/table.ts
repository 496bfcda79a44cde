import { Option, type Command } from 'commander';

/** The environment as the settings read it (process.env, or a plain object in a test). */
export type Env = Readonly<Record<string, string | undefined>>;

/** A value from the command line: commander gives text, a switch gives true; programs embedding the collector may pass numbers. */
export type FlagValue = string | number | boolean;

/** Why a text is not a valid value, without the value (the caller names the setting and, unless secret, quotes it). */
export class SettingError extends Error {}

/**
 * One setting, written once: the flag, the environment variable, the default as it would be typed,
 * the help line and the pure parser from text to value. The command line, the environment layer,
 * the defaults, `--help` and docs/configuration.md are all derived from rows like this one.
 */
export interface Setting<K extends string = string, T = unknown> {
  /** The option's name in commander's options object (camelCase of the flag). */
  key: K;
  /** The flag with its argument, e.g. `--data-dir <dir>`; none for a secret (process lists show flags). */
  flag?: string;
  /** The environment variable (used when the flag is not given). */
  env: string;
  /** The default as it would be typed; none when unset means off or is worked out from other settings (the help says how). */
  default?: string;
  help: string;
  /** Text → value; throws SettingError saying why not. */
  parse: (text: string) => T;
  /** The flag takes no argument: given means on. */
  switch?: boolean;
  /** Never quoted back in a message (tokens, client secrets). */
  secret?: boolean;
  /** The configuration field it sets (collector/config.ts) when that is not its key, so a problem found there names the setting. */
  config?: string;
}

/** Keeps each row's key and value type, so a table's resolved values are typed per setting. */
export function setting<K extends string, T>(row: Setting<K, T>): Setting<K, T> {
  return row;
}

export type SettingsTable = ReadonlyArray<Setting<string, unknown>>;
export type KeyOf<S extends SettingsTable> = S[number]['key'];
export type Flags<S extends SettingsTable> = Partial<Record<KeyOf<S>, FlagValue | undefined>>;
export type Values<S extends SettingsTable> = { [R in S[number] as R['key']]: ReturnType<R['parse']> | undefined };

/** How a message names a setting: `--flag (ENV)`, or the variable alone for one that has no flag. */
export function settingName(row: Setting): string {
  return row.flag ? `${row.flag.split(' ')[0]} (${row.env})` : row.env;
}

export interface Resolved<S extends SettingsTable> {
  values: Values<S>;
  /** Settings given by flag or environment (not defaulted): a rule like "needs --notify-webhook" asks this. */
  given: Set<KeyOf<S>>;
  /** Every value that did not parse, each naming its setting; such a setting takes its default. */
  problems: string[];
}

/**
 * Each setting from its flag, else its environment variable, else its default (an empty value
 * counts as not given). Parses all of them and returns every problem, not the first.
 */
export function resolveSettings<S extends SettingsTable>(table: S, flags: Flags<S>, env: Env): Resolved<S> {
  const values: Record<string, unknown> = {};
  const given = new Set<KeyOf<S>>();
  const problems: string[] = [];
  for (const row of table) {
    const fromFlag = (flags as Record<string, FlagValue | undefined>)[row.key];
    const fromEnv = env[row.env];
    const text = fromFlag !== undefined && fromFlag !== '' ? String(fromFlag) : fromEnv !== undefined && fromEnv !== '' ? fromEnv : undefined;
    if (text !== undefined) given.add(row.key as KeyOf<S>);
    const chosen = text ?? row.default;
    if (chosen === undefined) continue;
    try {
      values[row.key] = row.parse(chosen);
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      problems.push(`${settingName(row)}: ${row.secret ? 'the value' : `"${chosen}"`} ${error.message}`);
      if (row.default !== undefined) values[row.key] = row.parse(row.default);
    }
  }
  return { values: values as Values<S>, given, problems };
}

/** The help line: what it does, then where else it can be set and its default. */
export function helpLine(row: Setting): string {
  const fallback = row.default === undefined ? '' : `; default ${row.default}`;
  return `${row.help} (env ${row.env}${fallback})`;
}

/** Declares the table's flags on a command; defaults and the environment are applied by resolveSettings, not commander. */
export function addSettingOptions(command: Command, table: SettingsTable): Command {
  for (const row of table) {
    if (row.flag) command.addOption(new Option(row.flag, helpLine(row)));
  }
  const envOnly = table.filter((row) => !row.flag);
  if (envOnly.length > 0) {
    const width = Math.max(...envOnly.map((row) => row.env.length));
    command.addHelpText('after', `\nSet in the environment only (never a flag, which process lists show):\n${envOnly.map((row) => `  ${row.env.padEnd(width)}  ${row.help}`).join('\n')}`);
  }
  return command;
}

/**
 * A configuration problem (`notify.url: must be …`) with the setting that feeds the field named
 * after it, so the operator knows which flag or variable to change.
 */
export function withSettingName(problem: string, table: SettingsTable): string {
  const field = problem.slice(0, problem.indexOf(': '));
  const row = table.find((r) => {
    const path = r.config ?? r.key;
    return field === path || field.startsWith(`${path}.`);
  });
  return row ? `${problem} [${settingName(row)}]` : problem;
}
