#!/usr/bin/env node
// First, before any other module is evaluated: V8 settings of the service process.
import './runtime-flags.js';
import { Command, Option } from 'commander';
import { collectOnce, runOnce, startAgent } from './agent.js';
import { defaultCollectors } from './collectors/registry.js';
import { ConfigError, type ConfigFlags, loadConfig } from './config/load.js';
import { type AgentConfig, CONFIG_FILE_SETTING, SETTINGS } from './config/schema.js';
import { choicesOf } from './config/setting.js';
import { runDoctor } from './doctor.js';
import { configure, INSTALL_SETTINGS, installHelp, type InstallSettings } from './configure.js';
import { EnrollError } from './enroll.js';
import { createLogger, errorMessage, type LogLevel, type Logger } from './log.js';
import { describeProblem, validateSettings } from './validate.js';
import { AGENT_VERSION } from './version.js';
import { INVENTORY_WORKER_COMMAND } from './worker/messages.js';

const EXIT_CONFIG = 2;
/** The collectors `run`, `once` and `doctor` run: `intervals` may name only these. */
const COLLECTOR_NAMES = defaultCollectors().map((c) => c.name);
const EXIT_ENROLL = 3;
const EXIT_DELIVERY = 4;

/** What commander hands over: one value per flag of the settings table, by its camel-case name. */
type CommonOptions = ConfigFlags;

/** Every flag comes from the settings table (config/schema.ts), with its environment variable and default in the help. */
function withCommonOptions(command: Command): Command {
  const file = new Option(CONFIG_FILE_SETTING.flag ?? '', `${CONFIG_FILE_SETTING.help}; env ${CONFIG_FILE_SETTING.env}`);
  command.addOption(file);
  for (const row of SETTINGS) {
    const { flag, env, help, repeatable } = row.setting.spec;
    if (!flag) continue;
    const option = new Option(flag, `${help}${repeatable ? ' (repeatable)' : ''}${env ? `; env ${env}` : ''}`);
    const choices = choicesOf(row.setting.schema);
    if (choices) option.choices(choices);
    if (repeatable) option.argParser((value: string, previous: string[] = []) => [...previous, value]);
    command.addOption(option);
  }
  return command;
}

async function setup(o: CommonOptions): Promise<{ config: AgentConfig; log: Logger }> {
  const config = await loadConfig({ flags: o, collectorNames: COLLECTOR_NAMES });
  return { config, log: createLogger({ level: config.log_level as LogLevel }) };
}

function fail(error: unknown, log?: Logger): never {
  const message = errorMessage(error);
  const code = error instanceof ConfigError ? EXIT_CONFIG : error instanceof EnrollError ? EXIT_ENROLL : 1;
  (log ?? createLogger()).error(message, { exit_code: code });
  process.exit(code);
}

const program = new Command()
  .name('sf-agent')
  .description('Smart Foundations endpoint agent: hardware, OS and latency telemetry')
  .version(AGENT_VERSION, '-V, --version');

withCommonOptions(program.command('run').description('enrol if needed, then collect and deliver until stopped')).action(
  async (o: CommonOptions) => {
    const { config, log } = await setup(o).catch((e: unknown) => fail(e));
    const controller = new AbortController();
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      process.once(sig, () => {
        log.info('stopping', { signal: sig });
        controller.abort();
      });
    }
    try {
      const agent = await startAgent({ config, log }, controller.signal);
      await agent.done;
    } catch (error) {
      if (controller.signal.aborted) return;
      fail(error, log);
    }
  },
);

withCommonOptions(program.command('once').description('collect once, spool and try to deliver'))
  .option('--print', 'print the report as JSON on stdout instead of spooling and sending it')
  .action(async (o: CommonOptions & { print?: boolean }) => {
    const { config, log } = await setup(o).catch((e: unknown) => fail(e));
    try {
      if (o.print) {
        const { report, enrolled } = await collectOnce({ config, log });
        if (!enrolled) log.warn('not enrolled: the report carries the placeholder device id', { device_id: report.device_id });
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      const { report, delivery } = await runOnce({ config, log });
      const { delivered, rejected, last } = delivery;
      log.info('once finished', { report_id: report.report_id, delivered, rejected, outcome: last.kind, spooled: last.kind !== 'empty' });
      if (last.kind === 'unauthorized' || last.kind === 'retry') process.exitCode = EXIT_DELIVERY;
    } catch (error) {
      fail(error, log);
    }
  });

withCommonOptions(program.command('doctor').description('check config, enrolment, state directory, collector reachability and which probes work here; sends no report')).action(
  async (o: CommonOptions) => {
    const { config } = await setup(o).catch((e: unknown) => fail(e));
    const checks = await runDoctor(config);
    process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
    // The verdict again as a plain last line for whoever reads it out (stdout stays valid JSON).
    process.stderr.write(`${checks.at(-1)?.detail ?? ''}\n`);
    if (checks.some((c) => !c.ok)) process.exitCode = 1;
  },
);

withCommonOptions(program.command('validate').description('check the settings (file, environment, flags) and the files they name, list every problem with where it was given; opens and sends nothing')).action(
  async (o: CommonOptions) => {
    const result = await validateSettings({ flags: o, collectorNames: COLLECTOR_NAMES }).catch((e: unknown) => fail(e));
    if (result.ok) process.stdout.write('settings ok\n');
    for (const problem of result.problems) process.stderr.write(`${describeProblem(problem)}\n`);
    if (!result.ok) process.exitCode = EXIT_CONFIG;
  },
);

// Started by `run` itself, with an IPC channel: runs the inventory collectors in a process that exits.
program.command(INVENTORY_WORKER_COMMAND, { hidden: true }).action(async () => {
  const { runInventoryWorker } = await import('./worker/main.js');
  process.exit(await runInventoryWorker());
});

const configureCommand = program
  .command('configure')
  .description('write installer settings into the config file (owner-only; an empty value is ignored); the MSI runs it with its properties')
  .option('--config <file>', 'config file to create or update (default: the installed location)');
for (const row of INSTALL_SETTINGS) configureCommand.option(row.flag, installHelp(row));
configureCommand.action(async (o: InstallSettings & { config?: string }) => {
  const result = await configure({ settings: o, ...(o.config ? { configFile: o.config } : {}) }).catch((e: unknown) => fail(e));
  process.stdout.write(result.written ? `wrote ${result.keys.join(', ')} to ${result.configFile}\n` : `nothing given; ${result.configFile} unchanged\n`);
});

program
  .command('version')
  .description('print the agent version')
  .action(() => {
    process.stdout.write(`${AGENT_VERSION}\n`);
  });

// No top-level await, so the same file also bundles as CommonJS for the single executable (Node SEA).
program.parseAsync(process.argv).catch((error: unknown) => fail(error));
