// `sf-agent configure`: writes the settings an installer was given into the agent's config file.
// The MSI runs it as a deferred custom action (as LocalSystem) with COLLECTOR_URL, ENROLL_SECRET,
// CA_FILE and PROXY; configuration management can run it too. It merges into an existing file
// (other settings and comments kept), checks the result like the agent does before writing, and
// leaves the file readable by its owner only: it holds the enrol secret.
import { execFile } from 'node:child_process';
import { chmod, chown, copyFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import YAML from 'yaml';
import { ConfigError, validateConfig } from './config/load.js';
import { defaultPaths } from './config/paths.js';
import { SETTINGS_TABLE } from './config/schema.js';

/**
 * What an installer may set, in the order it is written: each row names its key in the agent's
 * settings table (config/schema.ts, where its schema and help live) and the installer's flag, which
 * the MSI passes (deploy/windows/sf-agent.wxs) and so stays as it is. The CA file given is copied
 * beside the config file, and collector_ca_file names the copy.
 */
export const INSTALL_SETTINGS = [
  { key: 'collector_url', option: 'collectorUrl', flag: '--collector-url <url>' },
  { key: 'enroll_secret', option: 'enrollSecret', flag: '--enroll-secret <secret>' },
  { key: 'collector_proxy', option: 'proxy', flag: '--proxy <url>' },
  { key: 'collector_ca_file', option: 'caFile', flag: '--ca-file <file>' },
] as const satisfies ReadonlyArray<{ key: keyof typeof SETTINGS_TABLE; option: string; flag: string }>;

/** What an installer passes, by the flag's camel-case name; an empty string means "not given" (MSI properties that were not set). */
export type InstallSettings = Partial<Record<(typeof INSTALL_SETTINGS)[number]['option'], string>>;

/** The `configure` flag's help: the setting's own, and where the CA file goes. */
export function installHelp(row: (typeof INSTALL_SETTINGS)[number]): string {
  const copied = row.key === 'collector_ca_file' ? `, copied beside the config file as ${CA_FILE_NAME}` : '';
  return `${SETTINGS_TABLE[row.key].spec.help}${copied}; sets ${row.key}`;
}

export interface ConfigureOptions {
  settings: InstallSettings;
  configFile?: string;
  platform?: NodeJS.Platform;
}

export interface ConfigureResult {
  configFile: string;
  written: boolean;
  keys: string[];
}

const CA_FILE_NAME = 'collector-ca.pem';
// Windows: LocalSystem (S-1-5-18) and Administrators (S-1-5-32-544) only, inheritance removed.
const WINDOWS_OWNER_ONLY = ['/inheritance:r', '/grant:r', '*S-1-5-18:F', '*S-1-5-32-544:F'];

function given(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Pure: the config text with the given settings merged into `existing` (comments and other keys kept). */
export function mergeSettings(existing: string, settings: InstallSettings, caTarget: string): { text: string; keys: string[] } {
  const doc = YAML.parseDocument(existing);
  if (doc.errors.length > 0) throw new ConfigError(`existing config is not valid YAML: ${doc.errors[0]?.message}`);
  const keys: string[] = [];
  for (const { key, option } of INSTALL_SETTINGS) {
    const value = given(settings[option]);
    if (value === undefined) continue;
    doc.set(key, key === 'collector_ca_file' ? caTarget : value);
    keys.push(key);
  }
  return { text: doc.toString(), keys };
}

export async function configure(options: ConfigureOptions): Promise<ConfigureResult> {
  const platform = options.platform ?? process.platform;
  const configFile = options.configFile ?? defaultPaths(platform).configFile;
  const dir = path.dirname(configFile);
  const caTarget = path.join(dir, CA_FILE_NAME);
  const existing = await readFile(configFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const { text, keys } = mergeSettings(existing, options.settings, caTarget);
  if (keys.length === 0) return { configFile, written: false, keys };

  const caSource = given(options.settings.caFile);
  if (caSource !== undefined) {
    const pem = await readFile(caSource, 'utf8').catch((error: Error) => {
      throw new ConfigError(`CA file ${caSource}: ${error.message}`);
    });
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new ConfigError(`CA file ${caSource} holds no PEM certificate`);
  }
  // Fail closed: a file the agent would refuse is never written. state_dir comes from the defaults.
  validateConfig({ state_dir: defaultPaths(platform).stateDir, ...(YAML.parse(text) as Record<string, unknown>) });

  await mkdir(dir, { recursive: true });
  if (caSource !== undefined) await copyFile(caSource, caTarget);
  await writeOwnerOnly(configFile, text, platform);
  return { configFile, written: true, keys };
}

async function writeOwnerOnly(file: string, text: string, platform: NodeJS.Platform): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  if (platform === 'win32') {
    await promisify(execFile)('icacls', [temp, ...WINDOWS_OWNER_ONLY], { windowsHide: true });
  } else {
    // An existing file keeps its owner, group and mode (a package may have made it group-readable
    // for the service user); a new one is 0600.
    const previous = await stat(file).catch(() => undefined);
    if (previous) {
      await chown(temp, previous.uid, previous.gid);
      await chmod(temp, previous.mode & 0o7777);
    }
  }
  await rename(temp, file);
}
