// Authenticode signing of the Windows executables and the MSI with osslsigncode.
// A release signs with the trust's or supplier's code-signing certificate from the environment:
//   SIGN_CERT (PEM certificate chain), SIGN_KEY (PEM private key), SIGN_KEY_PASSWORD (optional),
//   SIGN_TIMESTAMP_URL (RFC 3161 timestamp server, so signatures outlive the certificate).
// Without SIGN_CERT/SIGN_KEY a throw-away test certificate is made with openssl, and the release
// manifest says so: scripts/dist/check-manifest.mjs --release refuses such artefacts.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';

const TEST_SUBJECT = '/CN=Smart Foundations TEST code signing - not for release';

export function signingIdentity(workDir) {
  if (process.env.SIGN_CERT && process.env.SIGN_KEY) {
    return { cert: process.env.SIGN_CERT, key: process.env.SIGN_KEY, password: process.env.SIGN_KEY_PASSWORD, test: false };
  }
  if (process.env.SIGN_CERT || process.env.SIGN_KEY) throw new Error('sign: set both SIGN_CERT and SIGN_KEY, or neither for a test certificate');
  mkdirSync(workDir, { recursive: true });
  const cert = path.join(workDir, 'test-codesign.pem');
  const key = path.join(workDir, 'test-codesign.key');
  if (!existsSync(cert) || !existsSync(key)) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:3072', '-sha256', '-nodes', '-days', '30', '-subj', TEST_SUBJECT,
      '-addext', 'keyUsage=critical,digitalSignature', '-addext', 'extendedKeyUsage=codeSigning', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  }
  return { cert, key, password: undefined, test: true };
}

/** Signs `file` in place (SHA-256 Authenticode; a timestamp when SIGN_TIMESTAMP_URL is set). */
export function sign(file, identity, description) {
  const signed = `${file}.signed`;
  const args = ['sign', '-certs', identity.cert, '-key', identity.key, '-h', 'sha256', '-n', description,
    '-i', 'https://github.com/smart-foundations/telemetry'];
  if (identity.password) args.push('-pass', identity.password);
  if (process.env.SIGN_TIMESTAMP_URL) args.push('-ts', process.env.SIGN_TIMESTAMP_URL);
  execFileSync('osslsigncode', [...args, '-in', file, '-out', signed], { stdio: ['ignore', 'ignore', 'inherit'] });
  renameSync(signed, file);
}

/** Removes a signature the file already has (Node's own: it no longer matches once the agent is injected). */
export function removeSignature(file, out) {
  execFileSync('osslsigncode', ['remove-signature', '-in', file, '-out', out], { stdio: 'ignore' });
}

/**
 * What a reader of the manifest needs about a signature: verified by osslsigncode against the signing
 * certificate (a test certificate is its own root), who signed, and whether it is timestamped.
 */
export function verifySignature(file, caFile) {
  let output = '';
  let verified = false;
  try {
    output = execFileSync('osslsigncode', ['verify', '-in', file, ...(caFile ? ['-CAfile', caFile] : [])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    verified = /Signature verification: ok/.test(output);
  } catch (error) {
    output = `${error.stdout ?? ''}${error.stderr ?? ''}`;
  }
  const signed = !/No signature found/.test(output);
  const signer = /Signer's certificate:[\s\S]*?Subject: (.+)/.exec(output)?.[1]?.trim() ?? null;
  return { signed, verified, signer, timestamped: /Timestamp Server Signature verification: ok/.test(output) };
}
