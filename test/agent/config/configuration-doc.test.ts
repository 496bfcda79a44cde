import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE_SETTING, SETTINGS } from '../../../agent/config/schema.js';
import { DOC_PATH, renderConfigurationDoc } from '../../../scripts/agent-configuration.js';

describe('docs/agent-configuration.md', () => {
  it('is what the settings table says today (run: npm run docs:agent-config)', () => {
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(renderConfigurationDoc());
  });

  it('every environment variable and flag of the table is named once, and every setting is on the page', () => {
    const specs = [CONFIG_FILE_SETTING, ...SETTINGS.map((r) => r.setting.spec)];
    const envs = specs.flatMap((s) => (s.env ? [s.env] : []));
    const flags = specs.flatMap((s) => (s.flag ? [s.flag.split(' ')[0]] : []));
    expect(new Set(envs).size).toBe(envs.length);
    expect(new Set(flags).size).toBe(flags.length);
    const doc = renderConfigurationDoc();
    for (const row of SETTINGS) expect(doc, row.key).toContain(`| \`${row.key}\` |`);
    for (const env of envs) expect(doc).toContain(`\`${env}\``);
    // The names deployments already use keep working.
    expect(envs).toEqual(expect.arrayContaining(['SF_AGENT_CONFIG', 'SF_COLLECTOR_URL', 'SF_ENROLL_SECRET', 'SF_COLLECTOR_CA_FILE', 'SF_COLLECTOR_PROXY', 'SF_STATE_DIR', 'SF_LOG_LEVEL', 'SF_INTERVAL_SCALE', 'SF_SEND_HOSTNAME', 'SF_LATENCY_TARGETS']));
    expect(flags).toEqual(expect.arrayContaining(['--config', '--collector-url', '--enroll-secret', '--state-dir', '--latency-target', '--interval-scale', '--log-level']));
  });
});
