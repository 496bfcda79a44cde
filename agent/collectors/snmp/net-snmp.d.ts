// Minimal typings for the parts of net-snmp (3.x, plain JavaScript) the poller uses.
declare module 'net-snmp' {
  export interface RawVarbind {
    oid: string;
    type: number;
    value: unknown;
  }
  export interface SessionOptions {
    port?: number;
    retries?: number;
    timeout?: number;
    backoff?: number;
    transport?: 'udp4' | 'udp6';
    version?: number;
    idBitsSize?: 16 | 32;
    backwardsGetNexts?: boolean;
    reportOidMismatchErrors?: boolean;
  }
  export interface User {
    name: string;
    level: number;
    authProtocol?: number;
    authKey?: string;
    privProtocol?: number;
    privKey?: string;
  }
  export interface Session {
    get(oids: string[], cb: (error: Error | null, varbinds?: RawVarbind[]) => void): Session;
    getBulk(oids: string[], nonRepeaters: number, maxRepetitions: number, cb: (error: Error | null, varbinds?: RawVarbind[][]) => void): Session;
    close(): Session;
    on(event: 'error', listener: (error: Error) => void): Session;
  }
  export function createSession(target: string, community: string, options?: SessionOptions): Session;
  export function createV3Session(target: string, user: User, options?: SessionOptions): Session;
  export function isVarbindError(varbind: RawVarbind): boolean;
  export const Version1: number;
  export const Version2c: number;
  export const Version3: number;
  export const SecurityLevel: { noAuthNoPriv: number; authNoPriv: number; authPriv: number };
  export const AuthProtocols: Record<'none' | 'md5' | 'sha' | 'sha224' | 'sha256' | 'sha384' | 'sha512', number>;
  export const PrivProtocols: Record<'none' | 'des' | 'aes' | 'aes256b' | 'aes256r', number>;
  const snmp: {
    createSession: typeof createSession;
    createV3Session: typeof createV3Session;
    isVarbindError: typeof isVarbindError;
    Version1: number;
    Version2c: number;
    Version3: number;
    SecurityLevel: typeof SecurityLevel;
    AuthProtocols: typeof AuthProtocols;
    PrivProtocols: typeof PrivProtocols;
  };
  export default snmp;
}
