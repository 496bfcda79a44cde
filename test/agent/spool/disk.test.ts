import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDiskSpool } from '../../../agent/spool/disk.js';
import { tempDir } from '../../helpers/temp.js';
import { sampleReport, spoolSuite } from './spool.suite.js';

let dir = '';
beforeEach(async () => {
  dir = tempDir('spool').path;
});

spoolSuite('disk', {
  open: (maxBytes) => openDiskSpool({ dir, maxBytes }),
  reopen: (maxBytes) => openDiskSpool({ dir, maxBytes }),
});

describe('disk spool specifics', () => {
  it('one owner-only file per report, no temp files left behind, stray temp files cleaned at start', async () => {
    const spool = await openDiskSpool({ dir, maxBytes: 1024 * 1024 });
    await spool.put(sampleReport());
    await spool.put(sampleReport());
    const files = await readdir(path.join(dir, 'queue'));
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.endsWith('.s.json'))).toBe(true);
    expect((await stat(path.join(dir, 'queue', files[0]!))).mode & 0o777).toBe(0o600);
    await writeFile(path.join(dir, 'queue', '.tmp-123-crashed'), '{"half');
    await writeFile(path.join(dir, 'queue', 'notes.txt'), 'ignored');
    const again = await openDiskSpool({ dir, maxBytes: 1024 * 1024 });
    expect(again.stats().count).toBe(2);
    expect((await readdir(path.join(dir, 'queue'))).some((f) => f.startsWith('.tmp-'))).toBe(false);
  });

  it('keeps the rejection reason beside the rejected report', async () => {
    const spool = await openDiskSpool({ dir, maxBytes: 1024 * 1024 });
    const r = sampleReport();
    await spool.put(r);
    await spool.reject(r.report_id, 'HTTP 400: samples.0.ts: invalid');
    const files = await readdir(path.join(dir, 'rejected'));
    expect(files.sort()).toEqual([expect.stringMatching(/\.json$/), expect.stringMatching(/\.reason\.txt$/)]);
  });
});
