#!/usr/bin/env node
// pass_persist responder for the test snmpd processes: serves a flat OID → [type, value] map
// from a JSON file (re-read when it changes), with GET and GETNEXT in OID order.
// Usage in snmpd.conf: pass_persist -p 10 .1.3.6.1.2.1 /usr/bin/node snmpd-pass.mjs <data.json>
import { readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';

const file = process.argv[2];
let loadedMtime = '';
let oids = [];
let values = new Map();

function compare(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
const parse = (oid) => oid.replace(/^\./, '').split('.').filter(Boolean).map(Number);

function load() {
  let mtime;
  try {
    const st = statSync(file);
    mtime = `${st.mtimeMs}:${st.ino}:${st.size}`;
  } catch {
    return;
  }
  if (mtime === loadedMtime) return;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    values = new Map();
    for (const [oid, v] of Object.entries(data.oids ?? {})) values.set(oid.replace(/^\./, ''), v);
    oids = [...values.keys()].map((o) => ({ key: o, parts: parse(o) })).sort((a, b) => compare(a.parts, b.parts));
    loadedMtime = mtime;
  } catch {
    // A half-written file: keep the previous data and try again next request.
  }
}

function answer(oid) {
  const [type, value] = values.get(oid);
  return `.${oid}\n${type}\n${value}\n`;
}

const lines = createInterface({ input: process.stdin });
let pending = null;
lines.on('line', (raw) => {
  const line = raw.trim();
  if (pending) {
    const command = pending;
    pending = null;
    load();
    const oid = line.replace(/^\./, '');
    if (command === 'get') {
      process.stdout.write(values.has(oid) ? answer(oid) : 'NONE\n');
    } else if (command === 'getnext') {
      const parts = parse(oid);
      const next = oids.find((o) => compare(o.parts, parts) > 0);
      process.stdout.write(next ? answer(next.key) : 'NONE\n');
    } else {
      process.stdout.write('not-writable\n');
    }
    return;
  }
  if (line === 'PING') process.stdout.write('PONG\n');
  else if (line === 'get' || line === 'getnext' || line === 'set') pending = line;
  else if (line === '') process.exit(0);
});
