import { buildCli } from './cli.js';

buildCli()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(`sf-collector: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
