import { InvalidArgumentError, type Command } from 'commander';
import type { AdminClient, EnrolSecretOptions } from './admin-client.js';
import type { AdminOptions } from './settings/admin.js';

/** `30d`, `12h`, `90m` or seconds, as seconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+)\s*([dhms]?)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('must be a duration like 30d, 12h, 90m or a number of seconds');
  return Number(match[1]) * { d: 86_400, h: 3600, m: 60, s: 1, '': 1 }[match[2] as 'd' | 'h' | 'm' | 's' | '']!;
}

/**
 * `sf-collector secret …` (enrol secrets: create with a role and expiry, list, revoke) and the device
 * commands of enrolment control (`device reinstate`, `device pending`, `device approve|reject`).
 */
export function addEnrolmentCommands(
  program: Command,
  device: Command,
  adminOptions: (command: Command) => Command,
  adminClient: (options: AdminOptions) => AdminClient,
): void {
  const secret = program.command('secret').description("manage sites' enrol secrets: create (endpoint or site poller), list, revoke");
  adminOptions(
    secret
      .command('create')
      .description('print a new enrol secret for a site (shown once; only its hash is kept)')
      .requiredOption('--site <id>', 'the site its devices join')
      .option('--poller', 'for site servers that poll network gear over SNMP: only their keys may report network devices')
      .option('--expires-in <duration>', 'refuse enrolments after this long: 30d, 12h, 90m', parseDuration)
      .option('--expires-at <iso>', 'refuse enrolments after this time (ISO 8601, e.g. 2027-03-31T00:00:00Z)')
      .option('--allow-reenrol', 'may replace the key of a device that already holds one (a reimaging campaign) without approval; audited'),
  ).action(async (options: AdminOptions & { site: string; poller?: boolean; expiresIn?: number; expiresAt?: string; allowReenrol?: boolean }) => {
    if (options.expiresIn && options.expiresAt) throw new InvalidArgumentError('give --expires-in or --expires-at, not both');
    const request: EnrolSecretOptions = {
      role: options.poller ? 'poller' : 'endpoint',
      ...(options.expiresIn ? { expiresInSeconds: options.expiresIn } : {}),
      ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
      allowReenrol: Boolean(options.allowReenrol),
    };
    console.log(JSON.stringify(await adminClient(options).issueEnrollSecret(options.site, request), null, 2));
  });
  adminOptions(secret.command('list').description('list enrol secrets (ids, role, expiry, status; never the secrets)').option('--site <id>', 'one site only')).action(
    async (options: AdminOptions & { site?: string }) => {
      for (const s of await adminClient(options).listEnrollSecrets(options.site)) {
        const flags = [s.role, s.allow_reenrol ? 'allow-reenrol' : '', s.expires_at ? `expires ${s.expires_at}` : 'no expiry'].filter(Boolean).join(', ');
        console.log(`${s.secret_id}  ${s.site_id}  ${s.status.padEnd(7)}  created ${s.created_at}  ${flags}`);
      }
    },
  );
  adminOptions(secret.command('revoke <secret-id>').description('refuse all further enrolments with a secret (devices already enrolled keep their keys)')).action(
    async (secretId: string, options: AdminOptions) => {
      await adminClient(options).revokeEnrollSecret(secretId);
      console.log(`revoked ${secretId}`);
    },
  );

  adminOptions(
    device
      .command('list')
      .description('enrolled devices with their role (endpoint or poller), site, state; network gear is not listed')
      .option('--role <endpoint|poller>', 'only this role, e.g. poller to review which keys may report network gear')
      .option('--site <id>', 'one site only'),
  ).action(async (options: AdminOptions & { role?: 'endpoint' | 'poller'; site?: string }) => {
    for (const d of await adminClient(options).listDevices({ role: options.role, site: options.site })) {
      const state = d.revoked ? 'revoked' : d.holds_key ? 'active' : 'may enrol';
      console.log(`${d.device_id}  ${d.site_id}  ${d.role.padEnd(8)}  ${state.padEnd(9)}  enrolled ${d.enrolled_at}  ${d.platform}  ${d.hostname}`);
    }
  });
  adminOptions(device.command('reinstate <device-id>').description('clear a revocation: the old key stays dead; the device may enrol again for a new one')).action(
    async (deviceId: string, options: AdminOptions) => {
      await adminClient(options).reinstateDevice(deviceId);
      console.log(`reinstated ${deviceId}: it may enrol again`);
    },
  );
  adminOptions(device.command('pending').description('re-enrolments of devices that already hold a key, waiting for approval')).action(async (options: AdminOptions) => {
    for (const r of await adminClient(options).pendingReenrolments()) {
      console.log(`${r.device_id}  ${r.site_id}  ${r.status.padEnd(8)}  requested ${r.requested_at} with ${r.secret_id}  hostname ${r.hostname}`);
    }
  });
  adminOptions(device.command('approve <device-id>').description("let the device's next enrolment replace its key (once)")).action(async (deviceId: string, options: AdminOptions) => {
    await adminClient(options).approveReenrolment(deviceId);
    console.log(`approved: the next enrolment of ${deviceId} replaces its key`);
  });
  adminOptions(device.command('reject <device-id>').description('refuse a pending re-enrolment; the current key stays')).action(async (deviceId: string, options: AdminOptions) => {
    await adminClient(options).rejectReenrolment(deviceId);
    console.log(`rejected the re-enrolment of ${deviceId}`);
  });
}
