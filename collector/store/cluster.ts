/**
 * The cluster form of the store's DDL: one shard of N replicas coordinated by ClickHouse Keeper.
 * Every statement the store sends goes through `clusterStatement` when a cluster is configured,
 * so migrations are written once, for a single node, and no DDL can reach a cluster without
 * `ON CLUSTER` (a table created on one replica only) or with a non-replicated engine (a table
 * whose rows stay on the replica that took the insert).
 */

/** Where each table's replication metadata lives in Keeper: one path per shard, database and table. */
export const REPLICA_PATH = '/clickhouse/tables/{shard}/{database}/{table}';
/** The replica's own name, from the `<macros>` of each server's configuration. */
export const REPLICA_NAME = '{replica}';

/** A cluster name as it appears in `<remote_servers>`, or a macro such as `{cluster}`. */
export const CLUSTER_NAME = /^(?:[A-Za-z0-9_][A-Za-z0-9_.-]*|\{[A-Za-z0-9_]+\})$/;

const MERGE_TREE = /^(?:Replacing|Summing|Aggregating|Collapsing|VersionedCollapsing|Graphite|Coalescing)?MergeTree$/;
const NAME = '(?:`[^`]*`|"[^"]*"|[\\w{}]+)';
const QUALIFIED = `${NAME}(?:\\s*\\.\\s*${NAME})?`;

/** Statements whose target is named right after the object keyword; `ON CLUSTER` goes after the name. */
const TARGETED = new RegExp(
  `^\\s*(CREATE(?:\\s+OR\\s+REPLACE)?|ALTER|DROP|TRUNCATE)\\s+` +
    `(TEMPORARY\\s+)?(DATABASE|TABLE|MATERIALIZED\\s+VIEW|VIEW|DICTIONARY)?\\s*` +
    `(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?(${QUALIFIED})`,
  'i',
);
/** DDL with no cluster form here: refused, so a new kind of statement is handled deliberately. */
const OTHER_DDL = /^\s*(?:CREATE|ALTER|DROP|TRUNCATE|RENAME|EXCHANGE|ATTACH|DETACH|UNDROP|OPTIMIZE|GRANT|REVOKE|SYSTEM)\b/i;

export class ClusterRewriteError extends Error {}

/**
 * The statement as it must run on the cluster `cluster`:
 * - `CREATE`/`ALTER`/`DROP`/`TRUNCATE` of a database, table, view or dictionary get
 *   `ON CLUSTER '<cluster>'` after the object's name, where ClickHouse's grammar puts it;
 * - a MergeTree-family engine becomes its Replicated variant, with the Keeper path and replica
 *   name first and the original arguments after them (`ReplacingMergeTree(v)` →
 *   `ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', v)`);
 * - data statements (SELECT, INSERT, DELETE, UPDATE) are unchanged: on Replicated tables their
 *   effects replicate by themselves;
 * - a statement that already says `ON CLUSTER` is unchanged, so the rewrite is idempotent.
 * Throws for DDL it cannot make safe: another engine, a table without a named engine (it would
 * get the server's default, or copy another table's Keeper path with `AS`), other DDL kinds.
 */
export function clusterStatement(sql: string, cluster: string): string {
  if (!CLUSTER_NAME.test(cluster)) throw new ClusterRewriteError(`"${cluster}" is not a cluster name`);
  const masked = mask(sql);
  if (/\bON\s+CLUSTER\b/i.test(masked)) return sql;
  const target = TARGETED.exec(masked);
  if (!target) {
    if (OTHER_DDL.test(masked)) throw new ClusterRewriteError(`no cluster form for: ${summary(sql)}`);
    return sql;
  }
  const [matched, verb, temporary, object] = target;
  // A temporary table lives in one session on one server: there is nothing to distribute.
  if (temporary) return sql;
  // TRUNCATE may leave out TABLE; any other statement without an object kind is not ours (USER, ROLE...).
  const kind = object ? object.toUpperCase().replace(/\s+/g, ' ') : verb!.toUpperCase() === 'TRUNCATE' ? 'TABLE' : undefined;
  if (!kind) throw new ClusterRewriteError(`no cluster form for: ${summary(sql)}`);
  if (verb!.toUpperCase() === 'ALTER' && kind !== 'TABLE') throw new ClusterRewriteError(`no cluster form for: ${summary(sql)}`);
  const nameEnd = matched.length;

  let result = sql;
  if (/^CREATE/i.test(verb!) && (kind === 'TABLE' || kind === 'MATERIALIZED VIEW')) {
    result = replicatedEngine(sql, masked, kind, nameEnd);
  }
  return `${result.slice(0, nameEnd)} ON CLUSTER '${cluster}'${result.slice(nameEnd)}`;
}

/** Rewrites the engine clause after `from`; the text before `from` is left as it was. */
function replicatedEngine(sql: string, masked: string, kind: string, from: number): string {
  const engine = /\bENGINE\s*=\s*([A-Za-z]\w*)/gi;
  engine.lastIndex = from;
  const found = engine.exec(masked);
  if (!found) {
    // A materialized view writing `TO` another table stores nothing itself.
    if (kind === 'MATERIALIZED VIEW' && /^\s*TO\b/i.test(masked.slice(from))) return sql;
    throw new ClusterRewriteError(`name a MergeTree-family engine for a cluster: ${summary(sql)}`);
  }
  const name = found[1]!;
  const nameStart = found.index + found[0].length - name.length;
  let end = nameStart + name.length;
  let args = '';
  const open = /^\s*\(/.exec(masked.slice(end));
  if (open) {
    const close = matchingParen(masked, end + open[0].length - 1);
    args = sql.slice(end + open[0].length, close).trim();
    end = close + 1;
  }
  if (name.startsWith('Replicated') && MERGE_TREE.test(name.slice('Replicated'.length))) return sql;
  if (!MERGE_TREE.test(name)) throw new ClusterRewriteError(`engine ${name} does not replicate; a cluster needs a MergeTree-family engine: ${summary(sql)}`);
  const replicated = `Replicated${name}('${REPLICA_PATH}', '${REPLICA_NAME}'${args ? `, ${args}` : ''})`;
  return sql.slice(0, nameStart) + replicated + sql.slice(end);
}

function matchingParen(masked: string, open: number): number {
  let depth = 0;
  for (let i = open; i < masked.length; i++) {
    if (masked[i] === '(') depth++;
    else if (masked[i] === ')' && --depth === 0) return i;
  }
  throw new ClusterRewriteError('unbalanced parentheses in the engine clause');
}

/**
 * The statement with the same length and positions, string literals and comments blanked and
 * quoted identifiers filled, so keywords and parentheses inside them are never matched.
 */
export function mask(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length && sql[j] !== c) j += sql[j] === '\\' ? 2 : 1;
      const inner = Math.min(j, sql.length) - i - 1;
      // Identifiers keep a token shape (for the name pattern); literals become blank.
      const fill = c === "'" ? ' ' : '_';
      out += c + fill.repeat(Math.max(inner, 0)) + (j < sql.length ? c : '');
      i = j + 1;
    } else if (c === '-' && next === '-') {
      const j = sql.indexOf('\n', i);
      const end = j < 0 ? sql.length : j;
      out += ' '.repeat(end - i);
      i = end;
    } else if (c === '/' && next === '*') {
      const j = sql.indexOf('*/', i + 2);
      const end = j < 0 ? sql.length : j + 2;
      out += sql.slice(i, end).replace(/[^\n]/g, ' ');
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out.slice(0, sql.length);
}

function summary(sql: string): string {
  const text = sql.trim().replace(/\s+/g, ' ');
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

/** What "insert quorum" means here: `auto` (a majority of the replicas) or a number of replicas; 0 or 1 turns it off. */
export type InsertQuorum = 'auto' | number;

/**
 * Session settings for a cluster, sent with every call.
 * - `insert_quorum`: an insert is acknowledged only once a majority of replicas holds it, so a
 *   report answered 202 survives the loss of the replica that took it (asynchronous replication
 *   would lose what that replica had not yet handed on). Failing quorum fails the insert; the
 *   agent keeps the report in its spool and retries.
 * - `insert_quorum_timeout`: under the client's 60 s request timeout, so the collector sees the
 *   server's answer rather than a dropped connection.
 * - `distributed_ddl_output_mode = null_status_on_timeout` and a 30 s `distributed_ddl_task_timeout`:
 *   a replica that is down does not stop the collector from starting; its DDL waits in Keeper's
 *   queue and runs when it returns. Errors on replicas that answered still fail the statement.
 */
export function clusterSettings(quorum: InsertQuorum = 'auto') {
  return {
    insert_quorum: String(quorum),
    insert_quorum_timeout: 30_000,
    distributed_ddl_task_timeout: '30',
    distributed_ddl_output_mode: 'null_status_on_timeout',
  } as const;
}
