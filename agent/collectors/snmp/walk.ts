import type { SnmpSession } from './session.js';
import { type Varbind, T, compareOids, inSubtree } from './values.js';

/** Rows of one walked column: instance suffix (e.g. "3" for ifIndex 3) → varbind. */
export type Column = Map<string, Varbind>;

interface Cursor {
  base: string;
  last: string;
  done: boolean;
}

/**
 * Files one GETBULK answer (per column asked, the varbinds that followed it) under the columns.
 * A column ends when its OID leaves its subtree, stops increasing (a looping agent) or the agent
 * says end of MIB view. Pure.
 */
export function distributeBulk(cursors: Cursor[], answer: readonly (readonly Varbind[])[], columns: Map<string, Column>): boolean {
  let progressed = false;
  cursors.forEach((cursor, c) => {
    for (const vb of answer[c] ?? []) {
      if (!file(cursor, vb, columns)) break;
      progressed = true;
    }
  });
  return progressed;
}

function file(cursor: Cursor, vb: Varbind, columns: Map<string, Column>): boolean {
  {
    if (cursor.done) return false;
    if (vb.type === T.EndOfMibView || vb.type === T.NoSuchObject || vb.type === T.NoSuchInstance || !inSubtree(cursor.base, vb.oid) || compareOids(vb.oid, cursor.last) <= 0) {
      cursor.done = true;
      return false;
    }
    columns.get(cursor.base)!.set(vb.oid.slice(cursor.base.length + 1), vb);
    cursor.last = vb.oid;
    return true;
  }
}

export interface WalkOptions {
  maxRepetitions: number;
  /** Columns asked in one GETBULK (agents trim answers that would not fit in a datagram). */
  columnsPerRequest?: number;
  /** Stop a column after this many rows (a runaway table). */
  maxRows?: number;
  signal?: AbortSignal;
}

/** Walks several table columns side by side with GETBULK, as `snmpbulkwalk` would one by one. */
export async function walkColumns(session: SnmpSession, bases: readonly string[], options: WalkOptions): Promise<Map<string, Column>> {
  const columns = new Map<string, Column>(bases.map((b) => [b, new Map()]));
  const perRequest = options.columnsPerRequest ?? 12;
  const maxRows = options.maxRows ?? 10_000;
  for (let start = 0; start < bases.length; start += perRequest) {
    const cursors: Cursor[] = bases.slice(start, start + perRequest).map((base) => ({ base, last: base, done: false }));
    let active = cursors;
    while (active.length > 0) {
      options.signal?.throwIfAborted();
      const answer = await session.getBulk(
        active.map((c) => c.last),
        options.maxRepetitions,
      );
      const progressed = distributeBulk(active, answer, columns);
      for (const c of active) if ((columns.get(c.base)?.size ?? 0) >= maxRows) c.done = true;
      if (!progressed) break;
      active = active.filter((c) => !c.done);
    }
  }
  return columns;
}

export async function walk(session: SnmpSession, base: string, options: WalkOptions): Promise<Column> {
  return (await walkColumns(session, [base], options)).get(base)!;
}
