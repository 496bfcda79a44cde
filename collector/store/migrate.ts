import { migrations } from './migrations/index.js';
import type { Store } from './store.js';

/** Applies the migrations this store has not seen yet, in version order. */
export async function applyMigrations(store: Store): Promise<number[]> {
  await store.command(
    `CREATE TABLE IF NOT EXISTS {db}.schema_migrations (
      version UInt32, name String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
    ) ENGINE = ReplacingMergeTree ORDER BY version`,
  );
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
