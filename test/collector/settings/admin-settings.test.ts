import { describe, expect, it } from 'vitest';
import { buildCli } from '../../../collector/cli.js';
import { ADMIN_SETTINGS } from '../../../collector/settings/admin.js';
import { SERVE_SETTINGS } from '../../../collector/settings/serve.js';
import { resolveSettings } from '../../../collector/settings/table.js';

// The flags every admin command shares come from one table too: flag over variable over default.
describe('admin commands settings table', () => {
  it('defaults to the collector serve listens on by default, and the same data directory', () => {
    const { values, problems } = resolveSettings(ADMIN_SETTINGS, {}, {});
    expect(problems).toEqual([]);
    const listen = SERVE_SETTINGS.find((row) => row.key === 'listen')!.default;
    expect(values.url).toBe(`http://${listen}`);
    expect(values.dataDir).toBe(SERVE_SETTINGS.find((row) => row.key === 'dataDir')!.default);
    expect(values.adminTokenFile).toBeUndefined();
  });

  it('takes each flag over its variable', () => {
    const env = { SF_COLLECTOR_URL: 'https://collector.example.org', SF_ADMIN_TOKEN_FILE: '/etc/sf/admin.token', SF_DATA_DIR: '/var/lib/sf', SF_ADMIN_TOKEN: 'token-from-env' };
    expect(resolveSettings(ADMIN_SETTINGS, {}, env).values).toEqual({ url: env.SF_COLLECTOR_URL, adminTokenFile: env.SF_ADMIN_TOKEN_FILE, dataDir: env.SF_DATA_DIR, adminToken: 'token-from-env' });
    expect(resolveSettings(ADMIN_SETTINGS, { url: 'http://127.0.0.1:9000', adminTokenFile: 'a.token', dataDir: 'd' }, env).values).toMatchObject({ url: 'http://127.0.0.1:9000', adminTokenFile: 'a.token', dataDir: 'd' });
  });

  it('declares the same flags on every admin command, and never the token itself', () => {
    const site = buildCli().commands.find((command) => command.name() === 'site')!;
    const add = site.commands.find((command) => command.name() === 'add')!;
    const shared = add.options.map((option) => option.attributeName()).filter((key) => ADMIN_SETTINGS.some((row) => row.key === key));
    expect(shared).toEqual(['url', 'dataDir', 'adminTokenFile']);
    expect(add.helpInformation()).toContain('SF_ADMIN_TOKEN');
  });
});
