import { X509Certificate, createPrivateKey, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CertificatePurpose, createSelfSignedCertificate } from 'node-opcua-crypto';

export interface StationTls {
  readonly cert: string;
  readonly key: string;
  /** SHA-256 fingerprint, as browsers show it: what a user compares before trusting a generated certificate. */
  readonly fingerprint: string;
  /** Where it came from: the files given, or generated in the data folder. */
  readonly source: string;
}

/** The certificate and key plant IT gives (--tls-cert, --tls-key), checked to be a pair. */
export function loadTls(certFile: string, keyFile: string): StationTls {
  const cert = readFileSync(certFile, 'utf8');
  const key = readFileSync(keyFile, 'utf8');
  const x509 = new X509Certificate(cert);
  if (!x509.checkPrivateKey(createPrivateKey(key))) throw new Error(`${keyFile} is not the private key of the certificate in ${certFile}`);
  return { cert, key, fingerprint: x509.fingerprint256, source: certFile };
}

/**
 * A self-signed certificate for this station, made once and kept in <dataDir>/tls (the key readable only by the
 * station): for a plant that has no PKI yet. Browsers ask to trust it; the printed fingerprint is what to compare.
 */
export async function generatedTls(dataDir: string): Promise<StationTls> {
  const dir = join(dataDir, 'tls');
  const certFile = join(dir, 'station.crt');
  const keyFile = join(dir, 'station.key');
  if (existsSync(certFile) && existsSync(keyFile)) return loadTls(certFile, keyFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const keys = await webcrypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, [
    'sign',
    'verify',
  ]);
  const host = hostname();
  const { cert } = await createSelfSignedCertificate({
    privateKey: keys.privateKey,
    subject: `/CN=${host}/O=Control-room MES station`,
    dns: [...new Set([host, 'localhost'])],
    ip: ['127.0.0.1'],
    purpose: CertificatePurpose.ForApplication,
    validity: 825,
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(keyFile, key, { mode: 0o600 });
  writeFileSync(certFile, cert, { mode: 0o644 });
  return { cert, key, fingerprint: new X509Certificate(cert).fingerprint256, source: `${certFile} (generated)` };
}

