import { setFlagsFromString } from 'node:v8';

/**
 * The service process (`sf-agent run`) runs without V8's optimising compiler (TurboFan).
 *
 * Why: between inventories the service runs a few milliseconds of JavaScript every few minutes
 * (a ping, a report, a POST); nothing in it is hot enough for optimised code to pay back. But the
 * first function V8 optimises pulls ~3.6 MB of the compiler's own machine code (pages of the node
 * binary) into the process's resident memory for good, and zod's module initialisation alone is
 * hot enough to trigger that at start. Measured (docs/benchmarks.md): idle RSS 3.6 MB lower (all of it
 * file-backed pages of the node binary), light-cycle CPU unchanged at ~13 ms. The inventory worker,
 * `once` and `doctor` keep the default: they are short-lived and do the parsing.
 *
 * This module must be evaluated before any other (it is cli.ts's first import), so it reads the
 * command from argv itself: argv[2] for both `node sf-agent.mjs run` and the single executable.
 */
export const SERVICE_V8_FLAGS = ['--no-opt'] as const;

if (process.argv[2] === 'run') {
  for (const flag of SERVICE_V8_FLAGS) setFlagsFromString(flag);
}
