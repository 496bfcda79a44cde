import { SettingError } from './table.js';

/** Pure parsers from a setting's text to its value; each throws SettingError saying why not. */

export const text = (value: string): string => value;

export function whole(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new SettingError('is not a whole number');
  return n;
}

/** A comma-separated list, spaces around items ignored. */
export const list = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export function onOff(value: string): boolean {
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new SettingError('is not on or off');
}

/** A switch's environment value (the flag itself gives true): 1/true/on or 0/false/off. */
export function switchValue(value: string): boolean {
  if (['1', 'true', 'on'].includes(value)) return true;
  if (['0', 'false', 'off'].includes(value)) return false;
  throw new SettingError('is not 1, true, on, 0, false or off');
}

/** `host:port`, `:port` (every address) or `[::1]:port`. */
export function listen(value: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(value);
  if (!match) throw new SettingError('is not host:port');
  return { host: match[1] ?? (match[2] || '0.0.0.0'), port: Number(match[3]) };
}

/** 'auto' or a whole number of replicas. */
export function quorum(value: string): 'auto' | number {
  if (value === 'auto') return 'auto';
  try {
    return whole(value);
  } catch {
    throw new SettingError("is not 'auto' or a number of replicas");
  }
}

export function oneOf<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw new SettingError(`is not one of ${choices.join(', ')}`);
  };
}
