import { readFileSync } from 'node:fs';
import type { SnmpCredential } from '../../config/snmp.js';
import type { ResolvedCredential } from './session.js';

export interface SecretSources {
  env: NodeJS.ProcessEnv;
  readFile: (path: string) => string;
}

export const systemSecrets: SecretSources = { env: process.env, readFile: (path) => readFileSync(path, 'utf8') };

/**
 * Fetches the secrets a credential refers to. Errors name the setting and the variable or file,
 * never the secret itself.
 */
export function resolveCredential(name: string, credential: SnmpCredential, sources: SecretSources = systemSecrets): ResolvedCredential {
  const setting = (key: string) => `snmp.credentials.${name}.${key}`;
  const secret = (key: 'community' | 'auth_key' | 'priv_key', min: number): string => {
    const rec = credential as Record<string, unknown>;
    const env = rec[`${key}_env`] as string | undefined;
    const file = rec[`${key}_file`] as string | undefined;
    let value: string | undefined;
    if (env !== undefined) {
      value = sources.env[env];
      if (value === undefined || value === '') throw new Error(`${setting(`${key}_env`)}: environment variable ${env} is not set`);
    } else if (file !== undefined) {
      try {
        value = (sources.readFile(file).split(/\r?\n/)[0] ?? '').trim();
      } catch (error) {
        throw new Error(`${setting(`${key}_file`)}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      }
      if (!value) throw new Error(`${setting(`${key}_file`)}: ${file} is empty`);
    } else {
      throw new Error(`${setting(`${key}_env`)}: not given`);
    }
    if (value.length < min) throw new Error(`${setting(env !== undefined ? `${key}_env` : `${key}_file`)}: the ${key.replace('_', ' ')} must be at least ${min} characters (RFC 3414)`);
    return value;
  };
  if (credential.version === 'v2c') return { version: 'v2c', community: secret('community', 1) };
  return {
    version: 'v3',
    user: credential.user,
    level: credential.level,
    authProtocol: credential.auth_protocol,
    authKey: secret('auth_key', 8),
    ...(credential.level === 'authPriv' ? { privProtocol: credential.priv_protocol, privKey: secret('priv_key', 8) } : {}),
  };
}
