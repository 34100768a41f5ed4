import { MessageSecurityMode, SecurityPolicy, UserTokenType, type UserIdentityInfo } from 'node-opcua';
import { describeCertificate } from './certificates';
import { OpcUaDriverError } from './errors';

export type SecurityModeName = 'None' | 'Sign' | 'SignAndEncrypt';
export type SecurityPolicyName = 'Basic256Sha256' | 'Aes128_Sha256_RsaOaep' | 'Aes256_Sha256_RsaPss';

export interface SecurityOptions {
  /** Default 'None'. Sign and SignAndEncrypt need the server's certificate in the client's trusted list. */
  readonly securityMode?: SecurityModeName;
  /** Used with Sign and SignAndEncrypt (default Basic256Sha256). */
  readonly securityPolicy?: SecurityPolicyName;
  /** With a password: a user name login; without: anonymous. */
  readonly userName?: string;
  readonly password?: string;
}

const POLICIES: Record<SecurityPolicyName, SecurityPolicy> = {
  Basic256Sha256: SecurityPolicy.Basic256Sha256,
  Aes128_Sha256_RsaOaep: SecurityPolicy.Aes128_Sha256_RsaOaep,
  Aes256_Sha256_RsaPss: SecurityPolicy.Aes256_Sha256_RsaPss,
};

export function channelSecurity(options: SecurityOptions): { securityMode: MessageSecurityMode; securityPolicy: SecurityPolicy } {
  const mode = options.securityMode ?? 'None';
  if (mode === 'None') return { securityMode: MessageSecurityMode.None, securityPolicy: SecurityPolicy.None };
  return {
    securityMode: mode === 'Sign' ? MessageSecurityMode.Sign : MessageSecurityMode.SignAndEncrypt,
    securityPolicy: POLICIES[options.securityPolicy ?? 'Basic256Sha256'],
  };
}

export function userIdentity(options: SecurityOptions): UserIdentityInfo {
  if (options.userName === undefined) return { type: UserTokenType.Anonymous };
  return { type: UserTokenType.UserName, userName: options.userName, password: options.password ?? '' };
}

export interface FailureContext {
  readonly endpoint: string;
  readonly pkiFolder: string;
  readonly trustedFolder: string;
  readonly options: SecurityOptions;
  /** The server certificate the client's store refused during this attempt, if any. */
  readonly refusedCertificate: Buffer | undefined;
}

const CREDENTIALS_REFUSED = /BadUserAccessDenied|BadIdentityTokenRejected|BadIdentityTokenInvalid|BadUserSignatureInvalid|Cannot find \w+ user token policy/;

/**
 * Turns what node-opcua says about a connection that will not be retried into an error a person can act on.
 * (Network failures never get here: node-opcua keeps retrying them.)
 */
export function connectFailure(err: unknown, ctx: FailureContext): OpcUaDriverError {
  const reason = err instanceof Error ? err.message : String(err);
  const { endpoint } = ctx;
  if (/BadCertificateUntrusted|BadCertificateChainIncomplete/.test(reason) && ctx.refusedCertificate) {
    const cert = safeDescribe(ctx.refusedCertificate);
    const thumbprint = cert?.thumbprint ?? 'unknown';
    return new OpcUaDriverError(
      'opcua_untrusted_certificate',
      `The certificate of ${endpoint} is not trusted (subject "${cert?.subject ?? '?'}", thumbprint ${thumbprint}). ` +
        `It has been put in the rejected list of the client PKI ${ctx.pkiFolder}. If the thumbprint is the one the ` +
        `server's administrator gives you, trust it (move it from ${ctx.pkiFolder}/rejected to ${ctx.trustedFolder}, or ` +
        `trust thumbprint ${thumbprint} in the driver's certificate list) and connect again.`,
      { thumbprint, subject: cert?.subject, pkiFolder: ctx.pkiFolder, endpoint },
    );
  }
  if (CREDENTIALS_REFUSED.test(reason)) {
    const matched = CREDENTIALS_REFUSED.exec(reason)?.[0] ?? '';
    const status = matched.startsWith('Bad') ? matched : 'no such login on its endpoint';
    const who = ctx.options.userName === undefined ? 'an anonymous login' : `the user name or password for "${ctx.options.userName}"`;
    const fix =
      ctx.options.userName === undefined
        ? 'Set a user name and password in the connection settings.'
        : 'Check the user name and password in the connection settings.';
    return new OpcUaDriverError('opcua_bad_credentials', `${endpoint} refused ${who} (${status}). ${fix}`, { endpoint, status, userName: ctx.options.userName });
  }
  if (/cannot find endpoint|Cannot find an Endpoint/i.test(reason)) {
    const { securityMode = 'None', securityPolicy = 'Basic256Sha256' } = ctx.options;
    return new OpcUaDriverError(
      'opcua_connect_failed',
      `${endpoint} offers no endpoint with security ${securityMode}${securityMode === 'None' ? '' : ` / ${securityPolicy}`}: choose a security mode and policy the server offers.`,
      { endpoint, reason },
    );
  }
  if (/server certificate verification failed/i.test(reason)) {
    const status = /Bad\w+/.exec(reason)?.[0] ?? firstLine(reason);
    return new OpcUaDriverError('opcua_connect_failed', `The certificate of ${endpoint} is not valid (${status}): the server's administrator has to renew it.`, { endpoint, reason });
  }
  if (/BadSecurityChecksFailed|BadCertificate|rejected by server/i.test(reason)) {
    return new OpcUaDriverError(
      'opcua_connect_failed',
      `${endpoint} refused this station's certificate (${firstLine(reason)}). The server's administrator has to trust it; it is in ${ctx.pkiFolder}/own/certs.`,
      { endpoint, reason },
    );
  }
  return new OpcUaDriverError('opcua_connect_failed', `Cannot connect to ${endpoint}: ${firstLine(reason)}`, { endpoint, reason });
}

function safeDescribe(der: Buffer): ReturnType<typeof describeCertificate> | undefined {
  try {
    return describeCertificate(der, '');
  } catch {
    return undefined;
  }
}

const firstLine = (text: string): string => text.split('\n').find((l) => l.trim() !== '')?.trim() ?? text;
