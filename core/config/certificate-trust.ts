import { accept, type Decider } from '../shared/decider';

/** An engineer's trust decision on an OPC UA server certificate: part of the record, like any configuration change. */
export type CertificateTrustEvent = {
  readonly type: 'CertificateTrustChanged';
  readonly data: { readonly connection: string; readonly thumbprint: string; readonly action: 'trust' | 'reject' | 'remove' };
};
export type CertificateTrustCommand = { readonly type: 'RecordTrust' } & CertificateTrustEvent['data'];

export const CERTIFICATE_TRUST_STREAM = 'config:certificates';

/** The certificate store decided (on disk); the record keeps who decided what, on which server, when. */
export const certificateTrustDecider: Decider<null, CertificateTrustCommand, CertificateTrustEvent> = {
  initialState: () => null,
  decide: (c) => accept({ type: 'CertificateTrustChanged', data: { connection: c.connection, thumbprint: c.thumbprint, action: c.action } }),
  evolve: (state) => state,
};
