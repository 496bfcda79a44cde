import { migrations } from './migrations/index.js';
import type { Store } from './store.js';

/** The DDL sent before any migration; exported so tests check its cluster form with the migrations'. */
export const CREATE_DATABASE = `CREATE DATABASE IF NOT EXISTS {db}`;
export const CREATE_SCHEMA_MIGRATIONS = `CREATE TABLE IF NOT EXISTS {db}.schema_migrations (
      version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
    ) ENGINE = ReplacingMergeTree ORDER BY version`;

/** Creates the database if needed, then applies the migrations this store has not seen yet, in version order. */
export async function applyMigrations(store: Store): Promise<number[]> {
  // Sent only when missing: on a cluster a DDL statement waits for every replica, so a collector
  // restarting while one replica is down would otherwise wait on statements that change nothing.
  const [found] = await store.query<{ database: number; migrations: number }>(
    `SELECT (SELECT count() FROM system.databases WHERE name = {database:String}) AS database,
            (SELECT count() FROM system.tables WHERE database = {database:String} AND name = 'schema_migrations') AS migrations`,
    { database: store.database },
  );
  if (!Number(found?.database)) await store.command(CREATE_DATABASE);
  if (!Number(found?.migrations)) await store.command(CREATE_SCHEMA_MIGRATIONS);
  const rows = await store.query<{ version: number }>(`SELECT version FROM {db}.schema_migrations FINAL`);
  const applied = new Set(rows.map((r) => Number(r.version)));
  const newlyApplied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    // Statements are idempotent (IF NOT EXISTS), so a crash mid-migration is repaired by a re-run.
    for (const statement of migration.statements) await store.command(statement);
    await store.insert('schema_migrations', [{ version: migration.version, name: migration.name }]);
    newlyApplied.push(migration.version);
  }
  return newlyApplied;
}
