import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/**
 * A throw-away self-signed certificate for loopback HTTPS servers in tests, made with
 * node:crypto alone (Node can sign but has no certificate builder, and tests should not
 * depend on an openssl binary). An X.509 v1 certificate is a few nested DER structures:
 * TBSCertificate { serial, signature algorithm, issuer, validity, subject, public key },
 * then the algorithm again and the ECDSA signature over the TBS bytes.
 */

function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const sequence = (...parts: Buffer[]): Buffer => der(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]): Buffer => der(0x31, Buffer.concat(parts));

/** Only the two OIDs used here, pre-encoded. */
const OID_ECDSA_WITH_SHA256 = der(0x06, Buffer.from([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02]));
const OID_COMMON_NAME = der(0x06, Buffer.from([0x55, 0x04, 0x03]));

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14); // YYMMDDHHMMSS
  return der(0x17, Buffer.from(`${text}Z`, 'ascii'));
}

function name(commonName: string): Buffer {
  return sequence(set(sequence(OID_COMMON_NAME, der(0x0c, Buffer.from(commonName, 'utf8')))));
}

function pem(label: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export function selfSignedCertificate(commonName = 'localhost'): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  // A positive, minimally encoded serial: DER reads a top bit as negative, and a leading zero byte
  // before a byte below 0x80 as illegal padding (1 certificate in 256 was refused that way).
  const serialBytes = randomBytes(8);
  serialBytes[0] = ((serialBytes[0] as number) & 0x3f) | 0x40;
  const algorithm = sequence(OID_ECDSA_WITH_SHA256);
  const now = Date.now();
  const tbs = sequence(
    der(0x02, serialBytes),
    algorithm,
    name(commonName),
    sequence(utcTime(new Date(now - 3600_000)), utcTime(new Date(now + 24 * 3600_000))),
    name(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey); // DER-encoded ECDSA signature
  const certificate = sequence(tbs, algorithm, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), cert: pem('CERTIFICATE', certificate) };
}
