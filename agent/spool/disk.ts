import { mkdir, open, readdir, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { BoundedSpool } from './bounded.js';
import type { Spool, SpoolEntry, SpoolStore } from './types.js';

const MAX_REJECTED = 100;
// <seq>.<report_id>.<sections or "s">.json: the index is rebuilt from names alone at start.
const FILE_NAME = /^(\d{12})\.([0-9a-f-]{36})\.([a-z0-9_+]+)\.json$/;

export function entryFileName(entry: SpoolEntry): string {
  const sections = entry.inventory.length > 0 ? entry.inventory.join('+') : 's';
  return `${String(entry.seq).padStart(12, '0')}.${entry.id}.${sections}.json`;
}

export function parseEntryFileName(name: string, bytes: number): SpoolEntry | undefined {
  const match = name.match(FILE_NAME);
  if (!match) return undefined;
  const sections = match[3] as string;
  return { seq: Number(match[1]), id: match[2] as string, bytes, inventory: sections === 's' ? [] : sections.split('+') };
}

/** Durable write: a crash leaves either the old state or the complete new file, never half a report. */
export async function writeFileAtomic(file: string, data: string, mode = 0o600): Promise<void> {
  const tmp = path.join(path.dirname(file), `.tmp-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const handle = await open(tmp, 'w', mode);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
  await syncDirectory(path.dirname(file));
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable on POSIX; Windows cannot open directories, and NTFS journals renames.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

class DiskStore implements SpoolStore {
  readonly queueDir: string;
  readonly rejectedDir: string;
  constructor(root: string) {
    this.queueDir = path.join(root, 'queue');
    this.rejectedDir = path.join(root, 'rejected');
  }

  async load(): Promise<SpoolEntry[]> {
    await mkdir(this.queueDir, { recursive: true, mode: 0o700 });
    await mkdir(this.rejectedDir, { recursive: true, mode: 0o700 });
    const entries: SpoolEntry[] = [];
    for (const name of await readdir(this.queueDir)) {
      const file = path.join(this.queueDir, name);
      if (name.startsWith('.tmp-')) {
        await rm(file, { force: true }); // left by a crash mid-write; the report was never acknowledged as spooled
        continue;
      }
      const entry = parseEntryFileName(name, (await stat(file)).size);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  async write(entry: SpoolEntry, json: string): Promise<void> {
    await writeFileAtomic(path.join(this.queueDir, entryFileName(entry)), json);
  }

  async read(entry: SpoolEntry): Promise<string | undefined> {
    try {
      return await readFile(path.join(this.queueDir, entryFileName(entry)), 'utf8');
    } catch {
      return undefined;
    }
  }

  async delete(entry: SpoolEntry): Promise<void> {
    await unlink(path.join(this.queueDir, entryFileName(entry))).catch(() => undefined);
  }

  async moveToRejected(entry: SpoolEntry, reason: string): Promise<void> {
    const name = entryFileName(entry);
    await rename(path.join(this.queueDir, name), path.join(this.rejectedDir, name)).catch(() => undefined);
    await writeFileAtomic(path.join(this.rejectedDir, `${name}.reason.txt`), `${reason}\n`);
    await this.pruneRejected();
  }

  async rejectedIds(): Promise<string[]> {
    const names = (await readdir(this.rejectedDir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
    return names.map((n) => parseEntryFileName(n, 0)?.id).filter((id): id is string => id !== undefined);
  }

  // Rejected reports are kept for diagnosis only; they must not fill the disk either.
  private async pruneRejected(): Promise<void> {
    const names = (await readdir(this.rejectedDir)).filter((n) => n.endsWith('.json')).sort();
    for (const name of names.slice(0, Math.max(0, names.length - MAX_REJECTED))) {
      await rm(path.join(this.rejectedDir, name), { force: true });
      await rm(path.join(this.rejectedDir, `${name}.reason.txt`), { force: true });
    }
  }
}

/** One file per report under `<dir>/queue`, refused reports under `<dir>/rejected`. */
export function openDiskSpool(options: { dir: string; maxBytes: number }): Promise<Spool> {
  return BoundedSpool.open(new DiskStore(options.dir), options.maxBytes);
}
