import { z } from 'zod';

/** How one setting is given besides its YAML key, and how it is explained (`--help`, docs/agent-configuration.md). */
export interface SettingSpec {
  /** One line, for `--help` and the docs. */
  help: string;
  /** More for the docs only. */
  details?: string;
  /** Environment variable, e.g. `SF_COLLECTOR_URL`. */
  env?: string;
  /** Command-line flag with its argument, e.g. `--collector-url <url>`. */
  flag?: string;
  /** The flag may be given more than once; the environment variable then holds a comma-separated list. */
  repeatable?: boolean;
  /** Text from the environment or the flag(s) to the value the schema checks; numbers and yes/no are read from the schema's type. */
  fromText?: (text: string | readonly string[]) => unknown;
  /** The default in words, where the schema has none (e.g. a collector's own interval). */
  defaultText?: string;
}

/** One row of the settings table: the zod schema (with its default) and the ways to give it. */
export class Setting<S extends z.ZodType = z.ZodType> {
  constructor(
    readonly schema: S,
    readonly spec: SettingSpec,
  ) {}
}

export const setting = <S extends z.ZodType>(schema: S, spec: SettingSpec): Setting<S> => new Setting(schema, spec);

/** Settings nested as in the YAML file: a key holds a setting or a section of settings. */
export interface SettingsTree {
  readonly [key: string]: Setting | SettingsTree;
}

export type ShapeOf<T extends SettingsTree> = {
  -readonly [K in keyof T]: T[K] extends Setting<infer S> ? S : T[K] extends SettingsTree ? z.ZodPrefault<z.ZodObject<ShapeOf<T[K]>>> : never;
};

/** The zod schema of a settings tree: a section left out gets its settings' defaults. */
export function schemaOf<T extends SettingsTree>(tree: T): z.ZodObject<ShapeOf<T>> {
  const shape = Object.fromEntries(Object.entries(tree).map(([key, node]) => [key, node instanceof Setting ? node.schema : schemaOf(node).prefault({})]));
  return z.object(shape) as unknown as z.ZodObject<ShapeOf<T>>;
}

export interface SettingRow {
  /** The YAML path, dotted: `latency.targets`. */
  key: string;
  path: readonly string[];
  setting: Setting;
}

/** The table flattened, in the tree's order. */
export function rowsOf(tree: SettingsTree, prefix: readonly string[] = []): SettingRow[] {
  return Object.entries(tree).flatMap(([key, node]) => {
    const path = [...prefix, key];
    return node instanceof Setting ? [{ key: path.join('.'), path, setting: node }] : rowsOf(node, path);
  });
}

/** The schema's own type under optional/default wrappers: `number`, `boolean`, `enum`… */
export function baseOf(schema: z.ZodType): z.ZodType {
  let inner: z.ZodType = schema;
  for (;;) {
    const def = inner.def as { type: string; innerType?: z.ZodType };
    if (!['optional', 'default', 'prefault', 'nullable'].includes(def.type) || def.innerType === undefined) return inner;
    inner = def.innerType;
  }
}

/** The schema's default, when it has one. */
export function defaultOf(schema: z.ZodType): unknown {
  const parsed = schema.safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
}

/** The enum's words, for `--log-level <level>` choices. */
export function choicesOf(schema: z.ZodType): string[] | undefined {
  const base = baseOf(schema);
  return base instanceof z.ZodEnum ? (base.options as string[]) : undefined;
}

const YES = /^(1|true|yes|on)$/i;
const NO = /^(0|false|no|off)$/i;

/** Text from an environment variable or a flag as the value the setting's schema checks; what cannot be read is passed on as text for the schema to refuse. */
export function valueFromText(row: SettingRow, text: string | readonly string[]): unknown {
  const { fromText, repeatable } = row.setting.spec;
  if (fromText) return fromText(text);
  const one = typeof text === 'string' ? text : text.at(-1) ?? '';
  if (repeatable) return typeof text === 'string' ? text.split(',').map((s) => s.trim()).filter(Boolean) : [...text];
  const base = baseOf(row.setting.schema);
  if (base instanceof z.ZodNumber) {
    const n = Number(one);
    return one.trim() !== '' && Number.isFinite(n) ? n : one;
  }
  if (base instanceof z.ZodBoolean) return YES.test(one) ? true : NO.test(one) ? false : one;
  return one;
}

/** `--collector-url <url>` → `collectorUrl`, the name commander gives the option's value. */
export function flagAttribute(flag: string): string {
  const long = flag.split(/\s+/)[0]?.replace(/^--/, '') ?? '';
  return long.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** What a collector's folder says about it in its settings.ts, before any code runs. */
export interface CollectorSettings {
  name: string;
  kind: 'inventory' | 'samples';
  /** Default interval in seconds; `intervals.<name>` in the config overrides it. */
  intervalSeconds: number;
}
