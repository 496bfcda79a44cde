import { readFile, readdir, stat } from 'node:fs/promises';

/**
 * Read-only access to local files (sysfs, efivars, plists), injected like the command runner
 * so collectors that read files can be tested with canned contents and never touch the host.
 * Every method answers `undefined` when the path is missing or unreadable: callers turn that
 * into an `unknown` with a reason instead of catching errors.
 */
export interface FileReader {
  /** Whole file as bytes (efivars are binary). */
  readBytes(path: string): Promise<Uint8Array | undefined>;
  /** Whole file as UTF-8 text. */
  readText(path: string): Promise<string | undefined>;
  /** Entry names of a directory. */
  list(path: string): Promise<string[] | undefined>;
  /** Last modification time. */
  modifiedAt(path: string): Promise<Date | undefined>;
}

// sysfs files report a size of 4096 whatever they hold; nothing we read is legitimately larger.
const MAX_READ_BYTES = 1024 * 1024;

async function orUndefined<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch {
    return undefined;
  }
}

export const localFiles: FileReader = {
  readBytes: (path) => orUndefined(async () => new Uint8Array(await readFile(path)).subarray(0, MAX_READ_BYTES)),
  readText: (path) => orUndefined(async () => (await readFile(path, 'utf8')).slice(0, MAX_READ_BYTES)),
  list: (path) => orUndefined(() => readdir(path)),
  modifiedAt: (path) => orUndefined(async () => (await stat(path)).mtime),
};

/** A reader over an in-memory map of path → contents, for tests and fixtures. */
export function filesFrom(contents: Record<string, string | Uint8Array>, modified: Record<string, Date> = {}): FileReader {
  const bytes = (value: string | Uint8Array): Uint8Array => (typeof value === 'string' ? new TextEncoder().encode(value) : value);
  const listing = (dir: string): string[] | undefined => {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    const names = Object.keys(contents)
      .filter((p) => p.startsWith(prefix))
      .map((p) => p.slice(prefix.length).split('/')[0] as string);
    return names.length > 0 ? [...new Set(names)].sort() : undefined;
  };
  return {
    readBytes: async (path) => (path in contents ? bytes(contents[path] as string | Uint8Array) : undefined),
    readText: async (path) => {
      const value = contents[path];
      return value === undefined ? undefined : typeof value === 'string' ? value : new TextDecoder().decode(value);
    },
    list: async (path) => listing(path),
    modifiedAt: async (path) => modified[path],
  };
}
