import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AdminClient } from './admin-client.js';
import { addEnrolmentCommands } from './cli-enrolment.js';
import { addKeyCommands } from './cli-keys.js';
import { EOL_CATALOGUE, FIRMWARE_CATALOGUE } from './lifecycle/catalogue-store.js';
import type { CatalogueFile } from './lifecycle/catalogue-versions.js';
import { ConfigError } from './config.js';
import { adminTokenPath, prepareCollector, startCollector } from './service.js';
import { ADMIN_SETTINGS, type AdminOptions } from './settings/admin.js';
import { SERVE_SETTINGS } from './settings/serve.js';
import { serveConfig, type ServeOptions } from './settings/serve-config.js';
import { addSettingOptions, resolveSettings } from './settings/table.js';
import { log } from './telemetry/log.js';
import { VERSION } from './version.js';

const env = process.env;

/** The admin commands' client: the token from SF_ADMIN_TOKEN, else the token file, else <data-dir>/admin.token. */
function adminClient(options: AdminOptions): AdminClient {
  const { values, problems } = resolveSettings(ADMIN_SETTINGS, options, env);
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  const token = values.adminToken ?? readFileSync(values.adminTokenFile ?? adminTokenPath(values.dataDir!), 'utf8').trim();
  return new AdminClient(values.url!, token);
}

export function buildCli(): Command {
  const program = new Command('sf-collector')
    .description('Smart Foundations collector: receives agent reports, stores them in ClickHouse, serves scores.')
    .version(VERSION, '-V, --version');

  const serve = program
    .command('serve')
    .description('run the collector HTTP service')
    .addHelpText(
      'after',
      '\nSelf-telemetry (off by default) uses the standard OpenTelemetry variables, e.g.\n' +
        '  OTEL_EXPORTER_OTLP_ENDPOINT=http://otel-collector:4318   metrics and traces over OTLP\n' +
        '  OTEL_METRICS_EXPORTER=prometheus                         /metrics on 127.0.0.1:9464\n' +
        '  (OTEL_EXPORTER_PROMETHEUS_HOST/PORT to move it). See README "Self-telemetry".',
    );
  addSettingOptions(serve, SERVE_SETTINGS)
    .action(async (options: ServeOptions) => {
      const config = serveConfig(options);
      log.level = config.logLevel;
      const collector = await startCollector(config);
      log.info({ url: collector.url, store: collector.store.describe, self_telemetry: collector.telemetry.describe }, 'collector listening');
      const stop = async (signal: string) => {
        log.info({ signal }, 'stopping');
        await collector.close();
        process.exit(0);
      };
      process.once('SIGTERM', () => void stop('SIGTERM'));
      process.once('SIGINT', () => void stop('SIGINT'));
    });

  addSettingOptions(
    program
      .command('validate')
      .description("check serve's settings and the files they name (scoring model, end-of-life and firmware release catalogues, OIDC grants, TLS certificate and key), listing every problem at once with its file, line and reason; opens nothing, changes nothing (exit 1 when something is wrong)"),
    SERVE_SETTINGS,
  ).action((options: ServeOptions) => {
    const config = serveConfig(options);
    prepareCollector(config);
    console.log(`configuration valid: listen ${config.listen.host}:${config.listen.port}, store ${config.clickhouseUrl ? 'ClickHouse server' : `embedded in ${config.dataDir}`}`);
  });

  const adminOptions = (command: Command) => addSettingOptions(command, ADMIN_SETTINGS);

  const site = program.command('site').description('manage sites and their enrol secrets');
  adminOptions(
    site
      .command('add')
      .description('create or update a site and print a new enrol secret for its agents')
      .requiredOption('--site <id>', 'site id, e.g. rx1-qmc')
      .requiredOption('--trust <id>', 'trust id, e.g. rx1')
      .requiredOption('--name <name>', 'site name shown on dashboards')
      .option('--trust-name <name>', 'trust name shown on dashboards'),
  ).action(async (options: { site: string; trust: string; name: string; trustName?: string; } & AdminOptions) => {
    const client = adminClient(options);
    await client.addSite({ site_id: options.site, trust_id: options.trust, name: options.name, trust_name: options.trustName });
    const secret = await client.createEnrollSecret(options.site);
    console.log(JSON.stringify({ site_id: options.site, trust_id: options.trust, enroll_secret: secret }, null, 2));
  });
  adminOptions(site.command('list').description('list sites')).action(async (options: AdminOptions) => {
    console.log(JSON.stringify(await adminClient(options).listSites(), null, 2));
  });

  adminOptions(site.command('retire <site-id>').description('retire a site with no enrolled devices left: no longer listed, enrols no agent; its history stays')).action(
    async (siteId: string, options: AdminOptions) => {
      const { assets_removed } = await adminClient(options).retireSite(siteId);
      console.log(`retired ${siteId}${assets_removed ? `; removed its ${assets_removed} assets from the register` : ''}`);
    },
  );

  const trust = program.command('trust').description('manage trusts');
  adminOptions(trust.command('rename <trust-id> <name>').description('set the name dashboards show for a trust')).action(
    async (trustId: string, name: string, options: AdminOptions) => {
      await adminClient(options).renameTrust(trustId, name);
      console.log(`${trustId}: ${name}`);
    },
  );

  const assets = program.command('assets').description("import a trust's asset register");
  adminOptions(
    assets
      .command('import <file>')
      .description('import a CSV with columns serial, site, and optionally asset_tag, purchase_date, warranty_end, extended_support (yes/no)')
      .requiredOption('--trust <id>', 'the trust the assets belong to')
      .option('--replace', "the file is the whole register: remove the trust's assets it does not list (disposed of); a rejected row keeps its asset"),
  ).action(async (file: string, options: { trust: string; replace?: boolean; } & AdminOptions) => {
    const result = await adminClient(options).importAssetRegister(options.trust, readFileSync(file, 'utf8'), options.replace ? 'replace' : 'merge');
    for (const error of result.errors) console.error(error);
    const removed = options.replace ? `, removed ${result.removed} no longer listed` : '';
    console.log(`imported ${result.imported} assets${removed}${result.errors.length ? `, rejected ${result.errors.length} rows` : ''}`);
    if (result.errors.length > 0) process.exitCode = 1;
  });

  /** `<group> load <file>`: the file is checked here first, so a bad one is refused with its lines and reasons before anything is sent. */
  const catalogueLoad = <Loaded extends { installed: boolean; revision: string; reviewed: string }>(group: Command, kind: CatalogueFile<Loaded>, send: (client: AdminClient, text: string, name: string) => Promise<Loaded>) =>
    adminOptions(
      group
        .command('load <file>')
        .description(`check a ${kind.title} (YAML) and switch the running collector to it, no restart: today's scores are computed again against it; a bad file is refused with its lines and reasons and nothing changes`),
    ).action(async (file: string, options: AdminOptions) => {
      const text = readFileSync(file, 'utf8');
      kind.check(text, file);
      const result = await send(adminClient(options), text, basename(file));
      const state = result.installed ? 'loaded; scores are recomputed against it' : 'already the active catalogue';
      console.log(`${file}: revision ${result.revision}, ${kind.holds(result)}, reviewed ${result.reviewed}: ${state}`);
    });
  catalogueLoad(program.command('catalogue').description('the end-of-life catalogue'), EOL_CATALOGUE, (client, text, name) => client.loadCatalogue(text, name));
  catalogueLoad(program.command('firmware-catalogue').description('the firmware release catalogue (firmware currency of network gear, CYB-NET-PATCH)'), FIRMWARE_CATALOGUE, (client, text, name) => client.loadFirmwareCatalogue(text, name));

  const notify = program.command('notify').description('the daily findings digest');
  adminOptions(notify.command('test').description("post today's digest as it stands, marked [test], to the running collector's webhook")).action(
    async (options: AdminOptions) => {
      const result = await adminClient(options).notifyTest();
      console.log(`test digest accepted by the webhook: changes since ${result.since} in ${result.trusts} trust(s)`);
    },
  );

  const scores = program.command('scores').description('score runs: list them, re-evaluate a date');
  adminOptions(
    scores
      .command('reevaluate')
      .description("score a date again (after a catalogue or model change): adds a run, the date's earlier runs stay as they are; refused once the date's inputs are past retention")
      .requiredOption('--as-of <date>', 'the date to score, YYYY-MM-DD'),
  ).action(async (options: { asOf: string; } & AdminOptions) => {
    const { run, previous } = await adminClient(options).reevaluateScores(options.asOf);
    const before = previous ? `; the earlier run ${previous.run_id} (model ${previous.model_revision}, catalogue ${previous.catalogue_revision}) is kept` : '';
    console.log(`${run.as_of}: new run ${run.run_id} (model ${run.model_revision}, catalogue ${run.catalogue_revision})${before}`);
  });
  adminOptions(scores.command('runs').description('list the runs of a date, oldest first, the current one marked').requiredOption('--as-of <date>', 'YYYY-MM-DD')).action(
    async (options: { asOf: string; } & AdminOptions) => {
      for (const run of await adminClient(options).scoreRuns(options.asOf)) {
        console.log(`${run.current ? '*' : ' '} ${run.run_id}  computed ${run.computed_at}  model ${run.model_revision}  catalogue ${run.catalogue_revision}  ${run.devices} devices  (${run.reason})`);
      }
    },
  );

  const device = program.command('device').description('manage enrolled devices');
  adminOptions(device.command('revoke <device-id>').description('revoke a device key; its reports are refused until it re-enrols')).action(
    async (deviceId: string, options: AdminOptions) => {
      await adminClient(options).revokeDevice(deviceId);
      console.log(`revoked ${deviceId}`);
    },
  );
  addEnrolmentCommands(program, device, adminOptions, adminClient);
  addKeyCommands(program, adminOptions, adminClient);
  return program;
}
