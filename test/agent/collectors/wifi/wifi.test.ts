import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Sample } from '../../../../protocol/index.js';
import { createWifiCollector, hashSsid } from '../../../../agent/collectors/wifi/index.js';
import type { CollectContext } from '../../../../agent/collectors/types.js';
import type { CommandResult, CommandRunner } from '../../../../agent/host/runner.js';
import { FIXTURES, fixtureCases, fixtureJson, testContextBase } from '../../../helpers/agent.js';

interface FixtureCase {
  platform: NodeJS.Platform;
  /** Linux: what sysfs says is wireless; absent means "sysfs unreadable". */
  wireless?: string[];
  /** Exit code / stderr per output file base name (`nmcli`, `netsh`…); 0 and '' otherwise. */
  exit?: Record<string, number>;
  stderr?: Record<string, string>;
}

interface Expected {
  samples: Array<Record<string, unknown>>;
  problem?: string;
}

const TS = '2025-03-04T10:00:00.000Z';

/** The output file a command's canned answer lives in; a missing file means "not installed". */
function outputFile(command: string, args: readonly string[]): string {
  if (command === 'iw') return args.length === 1 ? 'iw-dev.txt' : `iw-link-${args[1]}.txt`;
  if (command === 'nmcli') return args.includes('--rescan') ? 'nmcli.txt' : 'nmcli-norescan.txt';
  if (command === 'netsh') return 'netsh.txt';
  if (command === 'system_profiler') return 'system_profiler.json';
  throw new Error(`unexpected command ${command}`);
}

function fixtureRunner(dir: string, spec: FixtureCase, calls: string[]): CommandRunner {
  return async (command, args): Promise<CommandResult> => {
    calls.push([command, ...args].join(' '));
    const file = outputFile(command, args);
    const full = path.join(dir, file);
    if (!existsSync(full)) return { stdout: '', stderr: '', exitCode: null, timedOut: false, truncated: false, spawnError: `spawn ${command} ENOENT` };
    const key = file.replace(/\.[a-z]+$/, '');
    return { stdout: readFileSync(full, 'utf8'), stderr: spec.stderr?.[key] ?? '', exitCode: spec.exit?.[key] ?? 0, timedOut: false, truncated: false };
  };
}

function wifiContext(platform: NodeJS.Platform, run: CommandRunner, sendSsid: boolean): CollectContext {
  const base = testContextBase({ privacy: { send_hostname: false, send_ssid: sendSsid } });
  return { ...base, run, platform, clock: { now: () => new Date(TS) }, signal: new AbortController().signal, deadline: Date.now() + 30_000 };
}

describe.each(fixtureCases('wifi'))('wifi fixture %s', (name) => {
  const dir = path.join(FIXTURES, 'wifi', name);
  const spec = fixtureJson<FixtureCase>('wifi', name, 'case.json');
  const expected = fixtureJson<Expected>('wifi', name, 'expected.json');

  it('gives the expected samples (SSID sent in clear here, to keep fixtures readable)', async () => {
    const calls: string[] = [];
    const collector = createWifiCollector({ listWirelessInterfaces: async () => spec.wireless });
    const output = await collector.collect(wifiContext(spec.platform, fixtureRunner(dir, spec, calls), true));
    expect(output.samples).toEqual(expected.samples.map((s) => ({ kind: 'wifi', ts: TS, ...s })));
    expect(output.problem).toBe(expected.problem);
    for (const sample of output.samples ?? []) expect(Sample.safeParse(sample).error?.issues ?? []).toEqual([]);
    if (spec.wireless?.length === 0) expect(calls, 'no Wi-Fi hardware: no command is run').toEqual([]);
  });
});

describe('wifi privacy', () => {
  it('sends sha256(SSID) unless privacy.send_ssid is on', async () => {
    const dir = path.join(FIXTURES, 'wifi', 'linux-ubuntu2204-vht-enterprise');
    const spec = fixtureJson<FixtureCase>('wifi', 'linux-ubuntu2204-vht-enterprise', 'case.json');
    const collector = createWifiCollector({ listWirelessInterfaces: async () => spec.wireless });
    const output = await collector.collect(wifiContext('linux', fixtureRunner(dir, spec, []), false));
    const [sample] = output.samples ?? [];
    expect(sample).toMatchObject({ ssid: hashSsid('NHS-Staff') });
    expect(hashSsid('NHS-Staff')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSsid('nhs-staff')).not.toBe(hashSsid('NHS-Staff'));
  });

  it('privacy.send_ssid defaults to false', () => {
    expect(testContextBase().config.privacy.send_ssid).toBe(false);
  });
});

describe('wifi on this machine', () => {
  it('a machine without Wi-Fi hardware gives no samples and no problem', async () => {
    const output = await createWifiCollector().collect({ ...testContextBase(), signal: new AbortController().signal, deadline: Date.now() + 30_000 });
    expect(output).toEqual({ samples: [] });
  });

  it('an unsupported platform gives no samples', async () => {
    const run: CommandRunner = async () => {
      throw new Error('must not run');
    };
    expect(await createWifiCollector().collect(wifiContext('aix', run, false))).toEqual({ samples: [] });
  });
});
