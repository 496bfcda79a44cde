// Writes the generated table of docs/network-compatibility.md by polling every recorded walk in
// test/fixtures/snmp with the snmp collector through a real snmpd on 127.0.0.1
// (`npm run docs:network-compat`). A test checks the committed table is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { pollWalks, renderNetworkCompatibility } from '../test/helpers/snmpd-walks.js';

export const DOC_PATH = new URL('../docs/network-compatibility.md', import.meta.url);
export const START = '<!-- generated:start (npm run docs:network-compat; do not edit by hand) -->';
export const END = '<!-- generated:end -->';

/** The document with its generated part replaced. */
export function withTable(doc: string, table: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/network-compatibility.md has no ${START} … ${END} block`);
  return `${doc.slice(0, start + START.length)}\n${table}\n${doc.slice(end)}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const table = renderNetworkCompatibility(await pollWalks());
  writeFileSync(DOC_PATH, withTable(readFileSync(DOC_PATH, 'utf8'), table));
  console.log('docs/network-compatibility.md');
}
