#!/usr/bin/env node
// Runs the built program; `npm run build` (or scripts/setup.sh) makes dist/.
import { existsSync } from 'node:fs';

const program = new URL('../dist/sf-agent.mjs', import.meta.url);
if (!existsSync(program)) {
  console.error('sf-agent: dist/ is missing; run "npm run build" first');
  process.exit(1);
}
await import(program.href);
