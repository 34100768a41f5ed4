import { X509Certificate } from 'node:crypto';
import { readdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import { OPCUACertificateManager, type StatusCode } from 'node-opcua';
import { ErrorCode, fail, ok, type Result } from '../../core';

/**
 * The client's PKI folder (node-opcua layout: own/, trusted/certs/, rejected/, issuers/): which OPC UA servers
 * this station trusts. A server certificate that is not trusted lands in rejected/ when a connection is tried, so
 * an engineer can compare its thumbprint with the one the server's administrator gives and trust it here.
 */
export interface ServerCertificate {
  readonly subject: string;
  /** SHA-1 of the DER certificate, lowercase hex (what OPC UA tools show). */
  readonly thumbprint: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly file: string;
}

export interface ServerCertificates {
  readonly trusted: readonly ServerCertificate[];
  readonly rejected: readonly ServerCertificate[];
}

type StatusCallback = (err: Error | null, statusCode?: StatusCode) => void;

/** The driver's certificate store: never accepts an unknown server by itself, and remembers which one it refused. */
export class ClientPki extends OPCUACertificateManager {
  /** The last server certificate refused by checkCertificate(), for a message that names it. */
  lastRefused: Buffer | undefined;

  constructor(rootFolder: string) {
    // No folder watchers: each connect() opens a fresh store, which reads the folder as it is then.
    super({ rootFolder, automaticallyAcceptUnknownCertificate: false, disableFileWatchers: true });
  }

  override checkCertificate(chain: Buffer | Buffer[]): Promise<StatusCode>;
  override checkCertificate(chain: Buffer | Buffer[], callback: StatusCallback): void;
  override checkCertificate(chain: Buffer | Buffer[], callback?: StatusCallback): Promise<StatusCode> | void {
    const checked = (super.checkCertificate(chain) as Promise<StatusCode>).then((status) => {
      if (!status.isGood()) this.lastRefused = Array.isArray(chain) ? chain[0] : chain;
      return status;
    });
    if (!callback) return checked;
    checked.then((status) => callback(null, status), (err: unknown) => callback(err as Error));
  }
}

/** What a certificate says about itself, from its DER or PEM (the first certificate of a chain). */
export function describeCertificate(data: Buffer, file: string): ServerCertificate {
  const cert = new X509Certificate(data);
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    thumbprint: cert.fingerprint.replace(/:/g, '').toLowerCase(),
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    file,
  };
}

export async function listServerCertificates(pkiFolder: string): Promise<ServerCertificates> {
  return withStore(pkiFolder, async (store) => ({ trusted: await readFolder(store.trustedFolder), rejected: await readFolder(store.rejectedFolder) }));
}

/** Moves a server certificate (usually from the rejected list) into the trusted list. */
export function trustServerCertificate(pkiFolder: string, thumbprint: string): Promise<Result<ServerCertificate>> {
  return move(pkiFolder, thumbprint, 'trusted');
}

/** Moves a server certificate into the rejected list: connections to that server fail until it is trusted again. */
export function rejectServerCertificate(pkiFolder: string, thumbprint: string): Promise<Result<ServerCertificate>> {
  return move(pkiFolder, thumbprint, 'rejected');
}

/** Deletes a server certificate from either list (the next connection puts it in the rejected list again). */
export async function removeServerCertificate(pkiFolder: string, thumbprint: string): Promise<Result<ServerCertificate>> {
  return withStore(pkiFolder, async (store) => {
    const found = await find(store, thumbprint);
    if (!found.ok) return found;
    await unlink(found.value.cert.file);
    return ok(found.value.cert);
  });
}

async function move(pkiFolder: string, thumbprint: string, to: 'trusted' | 'rejected'): Promise<Result<ServerCertificate>> {
  return withStore(pkiFolder, async (store) => {
    const found = await find(store, thumbprint);
    if (!found.ok) return found;
    const der = new X509Certificate(await readFile(found.value.cert.file)).raw;
    if (to === 'trusted') await store.trustCertificate(der);
    else await store.rejectCertificate(der);
    const folder = to === 'trusted' ? store.trustedFolder : store.rejectedFolder;
    return ok({ ...found.value.cert, file: path.join(folder, path.basename(found.value.cert.file)) });
  });
}

async function find(store: OPCUACertificateManager, thumbprint: string): Promise<Result<{ cert: ServerCertificate }>> {
  const wanted = thumbprint.replace(/[:\s]/g, '').toLowerCase();
  for (const folder of [store.trustedFolder, store.rejectedFolder]) {
    const cert = (await readFolder(folder)).find((c) => c.thumbprint === wanted);
    if (cert) return ok({ cert });
  }
  return fail(ErrorCode.notFound, `No server certificate with thumbprint ${wanted} in ${store.rootDir} (neither trusted nor rejected).`, { thumbprint: wanted });
}

async function readFolder(folder: string): Promise<ServerCertificate[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const certs: ServerCertificate[] = [];
  for (const name of names.filter((n) => /\.(pem|der|crt)$/i.test(n)).sort()) {
    const file = path.join(folder, name);
    try {
      certs.push(describeCertificate(await readFile(file), file));
    } catch {
      // Not a certificate we can read: left for a person to look at, never trusted by accident.
    }
  }
  return certs;
}

async function withStore<T>(pkiFolder: string, work: (store: OPCUACertificateManager) => Promise<T>): Promise<T> {
  const store = new OPCUACertificateManager({ rootFolder: pkiFolder, automaticallyAcceptUnknownCertificate: false, disableFileWatchers: true });
  try {
    await store.initialize();
    return await work(store);
  } finally {
    await store.dispose();
  }
}
