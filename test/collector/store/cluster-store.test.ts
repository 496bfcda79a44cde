import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveConfig, type ServeOptions } from '../../../collector/settings/serve-config.js';
import { ConfigError, storeLocation } from '../../../collector/config.js';
import { openConnection } from '../../../collector/store/connection.js';
import { migrations } from '../../../collector/store/migrations/index.js';
import { startCollector } from '../../../collector/service.js';
import { Store } from '../../../collector/store/store.js';
import { tempDir } from '../../helpers/temp.js';

interface Call {
  sql: string;
  settings: URLSearchParams;
}

/**
 * A stand-in for a ClickHouse server on loopback that records what the store sends: no server
 * runs here, and what matters is the SQL and the settings the collector puts on the wire.
 * It answers the store's start-up reads as an empty server would.
 */
function fakeClickHouse(calls: Call[]): Promise<Server> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const sql = url.searchParams.get('query') ?? body;
      calls.push({ sql, settings: url.searchParams });
      response.setHeader('Content-Type', 'text/plain');
      if (sql.includes('system.databases')) response.end('{"database":0,"migrations":0}\n');
      else if (sql.includes('system.tables')) response.end(tablesCreated(calls));
      else response.end('');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The tables created so far, as an empty server lists them (no TTL yet, so retention sets each). */
function tablesCreated(calls: Call[]): string {
  const names = calls.flatMap((c) => /^\s*CREATE TABLE IF NOT EXISTS \w+\.(\w+)/i.exec(c.sql)?.slice(1) ?? []);
  return names.map((name) => `${JSON.stringify({ name, engine_full: 'MergeTree' })}\n`).join('');
}

describe('a store on a cluster', () => {
  const calls: Call[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = await fakeClickHouse(calls);
    url = `http://collector:secret@127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends every DDL ON CLUSTER with Replicated engines, and quorum settings with every call', async () => {
    const store = await Store.open({ clickhouseUrl: url, cluster: 'sf', database: 'sf', insertQuorum: 'auto' });
    expect(store.describe).toMatch(/^ClickHouse cluster sf via 127\.0\.0\.1:\d+$/);
    await store.close();

    const ddl = calls.filter((c) => /^\s*(CREATE|ALTER)/i.test(c.sql));
    const expected = 2 + migrations.flatMap((m) => m.statements).filter((s) => !/^\s*INSERT/i.test(s)).length;
    expect(ddl).toHaveLength(expected);
    for (const call of ddl) expect(call.sql).toContain(" ON CLUSTER 'sf'");
    expect(ddl[0]!.sql).toBe("CREATE DATABASE IF NOT EXISTS sf ON CLUSTER 'sf'");
    for (const call of ddl.filter((c) => /^\s*CREATE TABLE/i.test(c.sql))) {
      expect(call.sql).toMatch(/ENGINE = Replicated\w*MergeTree\('\/clickhouse\/tables\/\{shard\}\/\{database\}\/\{table\}', '\{replica\}'/);
    }
    const inserts = calls.filter((c) => /^\s*INSERT/i.test(c.sql));
    expect(inserts.length).toBeGreaterThan(migrations.length);
    for (const call of calls) {
      expect(call.settings.get('insert_quorum')).toBe('auto');
      expect(call.settings.get('insert_quorum_timeout')).toBe('30000');
      expect(call.settings.get('distributed_ddl_output_mode')).toBe('null_status_on_timeout');
      expect(call.settings.get('distributed_ddl_task_timeout')).toBe('30');
    }
  });

  it('a server without a cluster gets plain DDL and no quorum settings', async () => {
    calls.length = 0;
    const store = await Store.open({ clickhouseUrl: url, database: 'sf' });
    await store.close();
    expect(calls.some((c) => c.sql.includes('ON CLUSTER') || c.sql.includes('Replicated'))).toBe(false);
    expect(calls.some((c) => c.settings.has('insert_quorum'))).toBe(false);
  });

  it('the collector opens its store on the cluster the options name', async () => {
    calls.length = 0;
    const dir = tempDir('cluster-serve');
    const options: ServeOptions = { dataDir: dir.path, listen: '127.0.0.1:0', database: 'sf', flushMs: 100, flushRows: 50_000, clickhouseUrl: url, clickhouseCluster: 'sf' };
    const config = { ...serveConfig(options), snapshotOnStart: false };
    const collector = await startCollector(config, { audit: () => {} });
    await collector.close();
    dir.remove();
    expect(calls.find((c) => /^\s*CREATE/.test(c.sql))!.sql).toBe("CREATE DATABASE IF NOT EXISTS sf ON CLUSTER 'sf'");
    expect(calls.filter((c) => /^\s*(CREATE|ALTER)/.test(c.sql)).every((c) => c.sql.includes(" ON CLUSTER 'sf'"))).toBe(true);
    // Retention sets each table's TTL at start, on every replica.
    expect(calls.filter((c) => /^\s*ALTER TABLE sf\.\w+ ON CLUSTER 'sf' MODIFY TTL/.test(c.sql)).length).toBeGreaterThan(5);
    expect(calls.every((c) => c.settings.get('insert_quorum') === 'auto')).toBe(true);
  });

  it('the embedded engine has no cluster', async () => {
    await expect(openConnection({ dataDir: '/nonexistent', cluster: 'sf', database: 'sf' })).rejects.toThrow(/cluster needs clickhouseUrl/);
  });
});

describe('serve options for a cluster', () => {
  const base: ServeOptions = { dataDir: 'data', listen: '127.0.0.1:0', database: 'sf', flushMs: 100, flushRows: 50_000 };

  it('--clickhouse-cluster needs --clickhouse-url, and the error names both', () => {
    expect(() => serveConfig({ ...base, clickhouseCluster: 'sf' })).toThrow(ConfigError);
    expect(() => serveConfig({ ...base, clickhouseCluster: 'sf' })).toThrow(/clickhouseCluster: needs a ClickHouse server: set --clickhouse-url \(CLICKHOUSE_URL\)/);
  });

  it('the insert quorum is a cluster setting: auto or a number of replicas', () => {
    const url = 'http://ch1:8123';
    expect(() => serveConfig({ ...base, clickhouseUrl: url, clickhouseInsertQuorum: '2' })).toThrow(/clickhouseInsertQuorum: applies to a cluster only/);
    expect(() => serveConfig({ ...base, clickhouseUrl: url, clickhouseCluster: 'sf', clickhouseInsertQuorum: 'most' })).toThrow(/--clickhouse-insert-quorum \(CLICKHOUSE_INSERT_QUORUM\): "most"/);
    expect(() => serveConfig({ ...base, clickhouseUrl: url, clickhouseCluster: "sf'; --" })).toThrow(/clickhouseCluster: must be a cluster name/);
    expect(storeLocation(serveConfig({ ...base, clickhouseUrl: url, clickhouseCluster: 'sf', clickhouseInsertQuorum: '2' }))).toEqual({
      dataDir: 'data',
      clickhouseUrl: url,
      cluster: 'sf',
      insertQuorum: 2,
      database: 'sf',
    });
    expect(storeLocation(serveConfig({ ...base, clickhouseUrl: url, clickhouseCluster: '{cluster}' })).insertQuorum).toBeUndefined();
    expect(storeLocation(serveConfig(base))).toMatchObject({ cluster: undefined, clickhouseUrl: undefined });
  });

});
