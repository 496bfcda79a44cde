import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { clusterSettings, type InsertQuorum } from './cluster.js';

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export interface StoreLocation {
  /** Data directory of the embedded engine; used when no `clickhouseUrl` is given. */
  dataDir?: string;
  /** A ClickHouse server or cluster, e.g. `http://user:pass@clickhouse:8123`. */
  clickhouseUrl?: string;
  /** The cluster `clickhouseUrl` belongs to: DDL goes `ON CLUSTER`, tables are Replicated (see cluster.ts). */
  cluster?: string;
  /** insert_quorum on a cluster; 'auto' (a majority) when not given. */
  insertQuorum?: InsertQuorum;
  database: string;
}

export interface StoreConnection {
  client: ClickHouseClient;
  embedded: boolean;
  describe: string;
}

/**
 * One client API for both modes: embedded chDB is plugged in as the connection of the
 * regular `@clickhouse/client`, so the rest of the store runs the same SQL on either.
 */
export async function openConnection(location: StoreLocation): Promise<StoreConnection> {
  if (location.clickhouseUrl) {
    const url = new URL(location.clickhouseUrl);
    const cluster = location.cluster ? clusterSettings(location.insertQuorum) : {};
    const client = createClient({
      url: `${url.protocol}//${url.host}`,
      username: decodeURIComponent(url.username) || 'default',
      password: decodeURIComponent(url.password),
      request_timeout: 60_000,
      clickhouse_settings: { date_time_input_format: 'best_effort', ...cluster },
    });
    const describe = location.cluster ? `ClickHouse cluster ${location.cluster} via ${url.host}` : `ClickHouse at ${url.host}`;
    return { client, embedded: false, describe };
  }
  if (location.cluster) throw new Error('a ClickHouse cluster needs clickhouseUrl: the embedded engine is a single node');
  const dataDir = resolve(location.dataDir ?? 'data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // chdb is a large native module; load it only when the embedded engine is wanted.
  const { createChdbConnection } = await import('chdb/connection');
  // chdb types its connection against @clickhouse/client-common, the client against its own copy.
  const connection = createChdbConnection({ path: dataDir }) as unknown as ClientConnection;
  const client = createClient({ connection });
  return { client, embedded: true, describe: `embedded ClickHouse (chDB) at ${dataDir}` };
}
