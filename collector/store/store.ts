import type { ClickHouseClient } from '@clickhouse/client';
import { openConnection, type StoreLocation } from './connection.js';
import { clusterStatement } from './cluster.js';
import { applyMigrations } from './migrate.js';
import { SerialQueue } from './serial-queue.js';
import { instruments, measured } from '../telemetry/instruments.js';

export type Row = Record<string, unknown>;
export type QueryParams = Record<string, unknown>;

// 64-bit integers as JSON numbers from a server too, so callers see one shape in both modes.
const READ_SETTINGS = { output_format_json_quote_64bit_integers: 0 } as const;

/**
 * The only place that talks to ClickHouse. SQL may say `{db}` for the database; it is
 * replaced here so tests and deployments can use their own database name.
 */
export class Store {
  private closed = false;
  private readonly inFlight = new Set<Promise<unknown>>();

  private constructor(
    private readonly client: ClickHouseClient,
    readonly database: string,
    readonly embedded: boolean,
    readonly describe: string,
    private readonly queue: SerialQueue | undefined,
    /** The ClickHouse cluster, when there is one: every command is sent in its cluster form. */
    readonly cluster: string | undefined,
  ) {}

  static async open(location: StoreLocation): Promise<Store> {
    const connection = await openConnection(location);
    const queue = connection.embedded ? new SerialQueue() : undefined;
    const store = new Store(connection.client, location.database, connection.embedded, connection.describe, queue, location.cluster);
    await applyMigrations(store);
    return store;
  }

  async query<T = Row>(sql: string, params: QueryParams = {}): Promise<T[]> {
    return this.schedule('SELECT', params, async () => {
      const result = await this.client.query({
        query: this.sql(sql),
        query_params: params,
        format: 'JSONEachRow',
        clickhouse_settings: READ_SETTINGS,
      });
      return result.json<T>();
    });
  }

  /** DDL and INSERT … SELECT; on a cluster, DDL goes ON CLUSTER with Replicated engines (cluster.ts). */
  async command(sql: string, params: QueryParams = {}): Promise<void> {
    const statement = this.cluster ? clusterStatement(sql, this.cluster) : sql;
    await this.schedule(commandName(statement), params, () => this.client.command({ query: this.sql(statement), query_params: params }));
  }

  async insert(table: string, rows: Row[]): Promise<void> {
    if (rows.length === 0) return;
    await this.schedule(`INSERT ${table}`, {}, () =>
      this.client.insert({
        table: `${this.database}.${table}`,
        values: rows,
        format: 'JSONEachRow',
        clickhouse_settings: { date_time_input_format: 'best_effort' },
      }),
    );
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.query('SELECT 1 AS ok');
      return true;
    } catch {
      return false;
    }
  }

  /** Waits for in-flight work first: closing the embedded engine under a running query aborts the process. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue?.drain();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.client.close();
  }

  private sql(text: string): string {
    return text.replaceAll('{db}', this.database);
  }

  /**
   * Parameterised calls go through the queue in embedded mode; every call is tracked for close()
   * and measured (the time in the engine, not the wait in the queue).
   */
  private schedule<T>(operation: string, params: QueryParams, call: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    const attributes = { 'db.system.name': 'clickhouse', 'db.operation.name': operation.split(' ')[0]!, 'db.namespace': this.database };
    const task = () => measured(`clickhouse ${operation}`, () => instruments().storeOperation, attributes, call);
    const serialise = this.queue && Object.keys(params).length > 0;
    const running = serialise ? this.queue!.run(task) : task();
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running)).catch(() => {});
    return running;
  }
}

/** The statement's leading keyword (CREATE, ALTER, OPTIMIZE…): a low-cardinality span name and metric attribute. */
function commandName(sql: string): string {
  return /^\s*([A-Za-z]+)/.exec(sql)?.[1]?.toUpperCase() ?? 'COMMAND';
}
