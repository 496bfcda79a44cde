import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { protocolJsonSchemas } from '../../protocol/json-schema.js';
import { Report, type LatencySample } from '../../protocol/index.js';
import { makeReport } from '../helpers/reports.js';

describe('protocol JSON Schema', () => {
  it.each(Object.entries(protocolJsonSchemas()))('docs/protocol/%s is current (run: npx tsx scripts/export-schemas.ts)', (name, schema) => {
    const committed = JSON.parse(readFileSync(new URL(`../../docs/protocol/${name}`, import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(schema)));
  });

  it('accepts a report the agent would send and names the bad field of one it must not', () => {
    expect(Report.safeParse(makeReport('dev_0123456789abcdef01234567')).success).toBe(true);
    const bad = makeReport('dev_0123456789abcdef01234567');
    const [first] = bad.samples as LatencySample[];
    bad.samples = [{ ...first!, loss_pct: 140 }];
    const result = Report.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['samples.0.loss_pct']);
  });
});
