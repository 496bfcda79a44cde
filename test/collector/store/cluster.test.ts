import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterSettings, clusterStatement, mask, REPLICA_PATH } from '../../../collector/store/cluster.js';
import { CREATE_DATABASE, CREATE_SCHEMA_MIGRATIONS } from '../../../collector/store/migrate.js';
import { migrations } from '../../../collector/store/migrations/index.js';
import { Store } from '../../../collector/store/store.js';
import { tempDir } from '../../helpers/temp.js';

const C = 'sf_cluster';
const ON = ` ON CLUSTER '${C}'`;
const rewrite = (sql: string) => clusterStatement(sql, C);
const replicated = (engine: string, args = '') => `Replicated${engine}('${REPLICA_PATH}', '{replica}'${args ? `, ${args}` : ''})`;

describe('clusterStatement', () => {
  it('puts ON CLUSTER after the table name and replicates the engine, keeping its arguments', () => {
    const sql = `CREATE TABLE IF NOT EXISTS {db}.trusts (
      trust_id String, updated_at DateTime64(3, 'UTC')
    ) ENGINE = ReplacingMergeTree(updated_at) ORDER BY trust_id`;
    expect(rewrite(sql)).toBe(`CREATE TABLE IF NOT EXISTS {db}.trusts${ON} (
      trust_id String, updated_at DateTime64(3, 'UTC')
    ) ENGINE = ${replicated('ReplacingMergeTree', 'updated_at')} ORDER BY trust_id`);
  });

  it('gives an engine written without parentheses the Keeper path and replica name', () => {
    const sql = `CREATE TABLE IF NOT EXISTS {db}.control_results (as_of Date) ENGINE = MergeTree\n    PARTITION BY toYYYYMM(as_of)\n    ORDER BY as_of`;
    expect(rewrite(sql)).toBe(`CREATE TABLE IF NOT EXISTS {db}.control_results${ON} (as_of Date) ENGINE = ${replicated('MergeTree')}\n    PARTITION BY toYYYYMM(as_of)\n    ORDER BY as_of`);
  });

  it('keeps nested engine arguments whole (Summing columns, Collapsing sign, Graphite section)', () => {
    expect(rewrite('CREATE TABLE t (a String, n UInt32, m UInt32) ENGINE = SummingMergeTree((n, m)) ORDER BY a')).toContain(replicated('SummingMergeTree', '(n, m)'));
    expect(rewrite('CREATE TABLE t (a String, s Int8) ENGINE=CollapsingMergeTree( s ) ORDER BY a')).toContain(`ENGINE=${replicated('CollapsingMergeTree', 's')}`);
    expect(rewrite("CREATE TABLE t (a String) ENGINE = GraphiteMergeTree('graphite_rollup') ORDER BY a")).toContain(replicated('GraphiteMergeTree', "'graphite_rollup'"));
  });

  it('puts ON CLUSTER before AS when a table copies another one’s columns', () => {
    const sql = `CREATE TABLE IF NOT EXISTS {db}.network_device_history AS {db}.network_devices
     ENGINE = ReplacingMergeTree
     ORDER BY (site_id, target, polled_at)`;
    expect(rewrite(sql)).toBe(`CREATE TABLE IF NOT EXISTS {db}.network_device_history${ON} AS {db}.network_devices
     ENGINE = ${replicated('ReplacingMergeTree')}
     ORDER BY (site_id, target, polled_at)`);
  });

  it('distributes database creation, ALTER (columns, indexes, TTL, mutations), TRUNCATE and DROP', () => {
    expect(rewrite('CREATE DATABASE IF NOT EXISTS {db}')).toBe(`CREATE DATABASE IF NOT EXISTS {db}${ON}`);
    expect(rewrite("ALTER TABLE {db}.sites ADD COLUMN IF NOT EXISTS retired UInt8 DEFAULT 0")).toBe(`ALTER TABLE {db}.sites${ON} ADD COLUMN IF NOT EXISTS retired UInt8 DEFAULT 0`);
    expect(rewrite('ALTER TABLE {db}.r ADD INDEX IF NOT EXISTS b device_id TYPE bloom_filter GRANULARITY 4')).toBe(`ALTER TABLE {db}.r${ON} ADD INDEX IF NOT EXISTS b device_id TYPE bloom_filter GRANULARITY 4`);
    expect(rewrite('ALTER TABLE {db}.r MODIFY TTL as_of + INTERVAL 800 DAY')).toBe(`ALTER TABLE {db}.r${ON} MODIFY TTL as_of + INTERVAL 800 DAY`);
    expect(rewrite("alter table {db}.r delete where run_id = 'x'")).toBe(`alter table {db}.r${ON} delete where run_id = 'x'`);
    expect(rewrite('TRUNCATE TABLE IF EXISTS {db}.r')).toBe(`TRUNCATE TABLE IF EXISTS {db}.r${ON}`);
    expect(rewrite('TRUNCATE {db}.r')).toBe(`TRUNCATE {db}.r${ON}`);
    expect(rewrite('DROP TABLE IF EXISTS {db}.r SYNC')).toBe(`DROP TABLE IF EXISTS {db}.r${ON} SYNC`);
  });

  it('handles quoted names, lower case, comments and literals that look like SQL', () => {
    const sql = `-- ENGINE = Memory is not what we use
create table if not exists \`my db\`.\`t (1)\` (
  note String DEFAULT 'ENGINE = Log) ON', /* ENGINE = TinyLog */ v UInt64
) engine = ReplacingMergeTree(v) order by note`;
    const out = rewrite(sql);
    expect(out).toContain(`\`my db\`.\`t (1)\`${ON} (`);
    expect(out).toContain(`engine = ${replicated('ReplacingMergeTree', 'v')} order by note`);
    expect(out).toContain("DEFAULT 'ENGINE = Log) ON'");
    expect(mask("a 'b(c' `d e` -- f\ng").length).toBe("a 'b(c' `d e` -- f\ng".length);
  });

  it('materialized views: the inner engine is replicated; one writing TO a table only gets ON CLUSTER', () => {
    expect(rewrite('CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.mv TO {db}.t AS SELECT 1 AS a')).toBe(`CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.mv${ON} TO {db}.t AS SELECT 1 AS a`);
    expect(rewrite('CREATE MATERIALIZED VIEW {db}.mv ENGINE = SummingMergeTree ORDER BY a AS SELECT 1 AS a')).toBe(
      `CREATE MATERIALIZED VIEW {db}.mv${ON} ENGINE = ${replicated('SummingMergeTree')} ORDER BY a AS SELECT 1 AS a`,
    );
  });

  it('leaves data statements, temporary tables, replicated engines and cluster forms as they are', () => {
    for (const sql of [
      'INSERT INTO {db}.network_device_history SELECT * FROM {db}.network_devices FINAL',
      'SELECT version FROM {db}.schema_migrations FINAL',
      "DELETE FROM {db}.t WHERE a = 'x'",
      'WITH 1 AS x SELECT x',
      'CREATE TEMPORARY TABLE tmp (a String) ENGINE = Memory',
    ]) expect(rewrite(sql)).toBe(sql);
    const already = `CREATE TABLE {db}.t (a String) ENGINE = ${replicated('MergeTree')} ORDER BY a`;
    expect(rewrite(already)).toBe(`CREATE TABLE {db}.t${ON} (a String) ENGINE = ${replicated('MergeTree')} ORDER BY a`);
    const once = rewrite('CREATE TABLE {db}.t (a String, v UInt8) ENGINE = ReplacingMergeTree(v) ORDER BY a');
    expect(rewrite(once)).toBe(once);
  });

  it('refuses what it cannot make safe on a cluster, naming the statement', () => {
    expect(() => rewrite('CREATE TABLE {db}.t (a String) ENGINE = Memory')).toThrow(/engine Memory does not replicate.*CREATE TABLE \{db\}\.t/);
    expect(() => rewrite('CREATE TABLE {db}.t (a String) ORDER BY a')).toThrow(/name a MergeTree-family engine/);
    // Without ENGINE, AS copies the other table's engine, Keeper path included: two tables on one path.
    expect(() => rewrite('CREATE TABLE {db}.t AS {db}.u')).toThrow(/name a MergeTree-family engine/);
    expect(() => rewrite('RENAME TABLE {db}.a TO {db}.b')).toThrow(/no cluster form for: RENAME TABLE/);
    expect(() => rewrite('OPTIMIZE TABLE {db}.a FINAL')).toThrow(/no cluster form/);
    expect(() => rewrite('CREATE USER collector')).toThrow(/no cluster form/);
    expect(() => rewrite('ALTER USER collector')).toThrow(/no cluster form/);
    expect(() => clusterStatement('CREATE DATABASE x', "a'; DROP")).toThrow(/not a cluster name/);
    expect(clusterStatement('CREATE DATABASE x', '{cluster}')).toBe("CREATE DATABASE x ON CLUSTER '{cluster}'");
  });

  it('cluster settings: majority quorum by default, bounded waits under the 60 s request timeout', () => {
    expect(clusterSettings()).toMatchObject({ insert_quorum: 'auto', insert_quorum_timeout: 30_000, distributed_ddl_task_timeout: '30', distributed_ddl_output_mode: 'null_status_on_timeout' });
    expect(clusterSettings(0).insert_quorum).toBe('0');
  });
});

/**
 * The real ClickHouse parser and analyser, in the embedded engine (chDB 3.4, ClickHouse 26.7):
 * every statement the store sends at start, in its cluster form. No cluster can run here (no
 * Keeper, no second server), so this stops exactly where a cluster would take over.
 */
describe('cluster forms in the real engine', () => {
  const dir = tempDir('cluster');
  let store: Store;
  const statements = [CREATE_DATABASE, CREATE_SCHEMA_MIGRATIONS, ...migrations.flatMap((m) => m.statements)];
  const inDb = (sql: string) => sql.replaceAll('{db}', 'sfc');
  const format = async (sql: string) => (await store.query<{ f: string }>('SELECT formatQuery({q:String}) AS f', { q: sql }))[0]!.f;
  // The client's error carries ClickHouse's error name in `type` (e.g. NO_ZOOKEEPER).
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => 'succeeded',
      (error: unknown) => `${String(error)} ${(error as { type?: string }).type ?? ''}`,
    );

  beforeAll(async () => {
    store = await Store.open({ dataDir: dir.path, database: 'sf' });
  });
  afterAll(async () => {
    await store?.close();
    dir.remove();
  });

  it('every statement parses in its cluster form, with ON CLUSTER and (tables) a Replicated engine', async () => {
    let tables = 0;
    for (const statement of statements) {
      const formatted = await format(inDb(rewrite(statement)));
      if (/^\s*INSERT/i.test(statement)) {
        expect(formatted).not.toContain('ON CLUSTER');
        continue;
      }
      expect(formatted, statement).toMatch(new RegExp(`^(CREATE|ALTER|CREATE OR REPLACE) (DATABASE|TABLE|VIEW) (IF NOT EXISTS )?sfc(\\.\\w+)? ON CLUSTER ${C}\\b`));
      if (/^\s*CREATE TABLE/i.test(statement)) {
        tables++;
        expect(formatted, statement).toMatch(/ENGINE = Replicated\w*MergeTree\('\/clickhouse\/tables\/\{shard\}\/\{database\}\/\{table\}', '\{replica\}'/);
      }
    }
    expect(tables).toBeGreaterThanOrEqual(18);
  });

  it('the cluster form differs from the original only by ON CLUSTER and the engine (as the parser reads both)', async () => {
    const undo = (formatted: string) =>
      formatted
        .replace(` ON CLUSTER ${C}`, '')
        .replace(/Replicated(\w*MergeTree)\('[^']*', '\{replica\}'(?:, )?/, '$1(')
        .replace(/MergeTree\(\)/, 'MergeTree');
    for (const statement of statements) {
      expect(undo(await format(inDb(rewrite(statement)))), statement).toBe((await format(inDb(statement))).replace(/MergeTree\(\)/, 'MergeTree'));
    }
  });

  it('each replica’s local statement is accepted up to the point where it needs Keeper', async () => {
    // What every replica's DDL worker runs: the statement without ON CLUSTER, its macros expanded
    // ({shard} and {replica} from the server's <macros>; {database} and {table} by the engine).
    const local = (sql: string) => inDb(rewrite(sql)).replace(ON, '').replaceAll('{shard}', '01').replaceAll('{replica}', 'r1');
    let replicatedTables = 0;
    for (const statement of statements) {
      if (/^\s*CREATE TABLE/i.test(statement)) {
        // Columns, types, engine arguments (version column), ORDER BY, PARTITION BY, TTL and skip
        // indexes are all checked before the engine asks for Keeper, which this process has not.
        expect(await failure(store.command(local(statement))), statement).toMatch(/NO_ZOOKEEPER/);
        replicatedTables++;
        // The single-node table in its place, so later statements (ALTER, AS, INSERT) find it.
        await store.command(inDb(statement));
      } else {
        await store.command(local(statement));
      }
    }
    expect(replicatedTables).toBe(statements.filter((s) => /^\s*CREATE TABLE/i.test(s)).length);
    const columns = await store.query<{ name: string }>("SELECT name FROM system.columns WHERE database = 'sfc' AND table = 'sites' AND name = 'retired'");
    expect(columns).toHaveLength(1);
  });

  it('the Keeper check is no rubber stamp: a wrong engine argument fails before it', async () => {
    const bad = `CREATE TABLE sfc.bad (a String, v UInt64) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/01/sfc/bad', 'r1', nosuch) ORDER BY a`;
    expect(await failure(store.command(bad))).toMatch(/NO_SUCH_COLUMN_IN_TABLE/);
    const misplaced = `CREATE TABLE sfc.bad (a String) ON CLUSTER ${C} ENGINE = MergeTree ORDER BY a`;
    expect(await failure(format(misplaced))).toMatch(/SYNTAX_ERROR|Syntax error/);
  });

  it('deploy/clickhouse: the collector user’s grants parse, and the cluster and macros are the ones the store uses', async () => {
    const users = readFileSync('deploy/clickhouse/users.d/sf-collector.xml', 'utf8');
    const grants = [...users.matchAll(/<query>([^<]+)<\/query>/g)].map((m) => m[1]!);
    expect(grants.length).toBeGreaterThan(0);
    // In users.xml the grantee is implied; the parser also rejects an unknown privilege name.
    for (const grant of grants) expect(await format(`${grant} TO sf_collector`)).toBe(`${grant} TO sf_collector`);
    expect(grants.join(' ')).toMatch(/CLUSTER ON \*\.\*/);
    expect(readFileSync('deploy/clickhouse/config.d/sf-cluster.xml', 'utf8')).toMatch(/<remote_servers>\s*<sf>/);
    const node = readFileSync('deploy/clickhouse/config.d/sf-node.xml', 'utf8');
    expect(REPLICA_PATH).toContain('{shard}');
    expect(node).toMatch(/<shard>01<\/shard>/);
    expect(node).toMatch(/<replica>ch1<\/replica>/);
  });
});
