import { chmod, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DeviceId } from '../protocol/index.js';
import { writeFileAtomic } from './spool/disk.js';

export const Identity = z.object({
  device_id: DeviceId,
  node_key: z.string().min(1),
  site_id: z.string(),
  trust_id: z.string(),
  collector_url: z.string(),
  enrolled_at: z.string(),
});
export type Identity = z.infer<typeof Identity>;

export function identityPath(stateDir: string): string {
  return path.join(stateDir, 'identity.json');
}

/** Undefined when not enrolled yet; throws when the file exists but is damaged (never silently re-enrol). */
export async function readIdentity(stateDir: string): Promise<Identity | undefined> {
  let text: string;
  try {
    text = await readFile(identityPath(stateDir), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
  const parsed = Identity.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${identityPath(stateDir)} is damaged; delete it to enrol again`);
  return parsed.data;
}

/** The node key is a credential: owner-only directory and file. */
export async function writeIdentity(stateDir: string, identity: Identity): Promise<void> {
  await ensureStateDir(stateDir);
  await writeFileAtomic(identityPath(stateDir), `${JSON.stringify(identity, null, 2)}\n`, 0o600);
  if (process.platform !== 'win32') await chmod(identityPath(stateDir), 0o600);
}

export async function ensureStateDir(stateDir: string): Promise<void> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') await chmod(stateDir, 0o700);
}
