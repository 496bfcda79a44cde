import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AdminClient } from './admin-client.js';
import type { AdminOptions } from './settings/admin.js';
import { ROLES, type Role, type TrustScope } from './identity/principal.js';
import { rowPolicySql, type GrafanaScope } from './store/row-policies.js';



/** Grafana users and their trusts: given outright, or taken from a named API key so both stay one configuration. */
const ScopesFile = z.object({
  users: z.record(
    z.string(),
    z.union([z.object({ trusts: z.array(z.string()).min(1) }).strict(), z.object({ api_key: z.string().min(1) }).strict()]),
  ),
});

function trustScope(values: string[]): TrustScope {
  if (values.length === 0) throw new Error('give --trust <id> (repeatable) or --trust all');
  if (values.includes('all')) {
    if (values.length > 1) throw new Error('--trust all goes alone');
    return 'all';
  }
  return values;
}

const collect = (value: string, previous: string[]) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

/** `sf-collector key …` (named, scoped API keys) and `sf-collector grafana row-policies`. */
export function addKeyCommands(program: Command, adminOptions: (command: Command) => Command, adminClient: (options: AdminOptions) => AdminClient): void {
  const key = program.command('key').description('named, scoped API keys for the read API, the dashboard and the admin API');
  adminOptions(
    key
      .command('create')
      .description('create a key and print it (shown once; only its hash is stored)')
      .requiredOption('--name <name>', 'who or what holds it, e.g. "rxa-bi-reporting"')
      .requiredOption('--role <role>', `one of ${ROLES.join(', ')} (admin keys are for every trust; poller keys read nothing)`)
      .option('--trust <id>', 'a trust it may read (repeatable, or comma-separated), or "all"', collect, [])
      .option('--expires-in-days <days>', 'the key stops working this many days from now (default: until revoked)'),
  ).action(async (options: AdminOptions & { name: string; role: string; trust: string[]; expiresInDays?: string }) => {
    if (!(ROLES as readonly string[]).includes(options.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
    const days = options.expiresInDays === undefined ? undefined : Number(options.expiresInDays);
    if (days !== undefined && !(Number.isInteger(days) && days >= 1)) throw new Error('--expires-in-days must be a whole number of days, at least 1');
    const made = await adminClient(options).createApiKey({ name: options.name, role: options.role as Role, trusts: trustScope(options.trust), ...(days ? { expires_in_days: days } : {}) });
    console.log(JSON.stringify(made, null, 2));
  });
  adminOptions(key.command('list').description('list keys: name, role, trusts, created, expires, last used (to the minute), revoked')).action(async (options: AdminOptions) => {
    console.log(JSON.stringify(await adminClient(options).listApiKeys(), null, 2));
  });
  adminOptions(key.command('revoke <key-id-or-name>').description('revoke a key at once; dashboard sessions signed in with it end')).action(async (idOrName: string, options: AdminOptions) => {
    const record = await adminClient(options).revokeApiKey(idOrName);
    console.log(`revoked ${record.key_id} (${record.name})`);
  });
  adminOptions(key.command('rotate <key-id-or-name>').description('issue a new key with the same name, role and trusts and revoke the old one; print the new key')).action(
    async (idOrName: string, options: AdminOptions) => {
      console.log(JSON.stringify(await adminClient(options).rotateApiKey(idOrName), null, 2));
    },
  );

  const grafana = program.command('grafana').description("Grafana's access to ClickHouse");
  adminOptions(
    grafana
      .command('row-policies')
      .description("print ClickHouse row policies limiting each Grafana data-source user to its trusts, on every table with trust_id (apply with clickhouse-client --multiquery)")
      .requiredOption('--scopes <file>', 'YAML: users: { <clickhouse user>: { trusts: [ids] } | { api_key: <key name> } }'),
  ).action(async (options: AdminOptions & { scopes: string }) => {
    const file = ScopesFile.parse(parseYaml(readFileSync(options.scopes, 'utf8')));
    const client = adminClient(options);
    const keys = Object.values(file.users).some((u) => 'api_key' in u) ? await client.listApiKeys() : [];
    const scopes: GrafanaScope[] = Object.entries(file.users).map(([user, entry]) => {
      if ('trusts' in entry) return { user, trusts: entry.trusts };
      const found = keys.find((k) => k.name === entry.api_key && !k.revoked_at);
      if (!found) throw new Error(`${user}: no active API key named "${entry.api_key}"`);
      if (found.trusts === 'all') throw new Error(`${user}: key "${entry.api_key}" is for every trust; leave the user out (it is unrestricted)`);
      return { user, trusts: found.trusts };
    });
    const { database, tables } = await client.trustTables();
    process.stdout.write(rowPolicySql(database, tables, scopes));
  });
}
