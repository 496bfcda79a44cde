// Writes the protocol's JSON Schema files into docs/protocol/ (a test checks they are current).
import { writeFileSync } from 'node:fs';
import { protocolJsonSchemas } from '../protocol/json-schema.js';

for (const [name, schema] of Object.entries(protocolJsonSchemas())) {
  writeFileSync(new URL(`../docs/protocol/${name}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`docs/protocol/${name}`);
}
