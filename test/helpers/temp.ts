import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory removed when the test file ends (call the returned cleanup in afterAll). */
export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `sf-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
