import type { ReactNode } from 'react';
import type { ConnectionDraft } from './draft';

type Set = (patch: Partial<ConnectionDraft>) => void;

function Text({
  label,
  value,
  onChange,
  disabled,
  testid,
  placeholder,
  type = 'text',
  wide = false,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  disabled: boolean;
  testid: string;
  placeholder?: string;
  type?: string;
  wide?: boolean;
}) {
  return (
    <label className={`field${wide ? ' field-wide' : ''}`}>
      <span>{label}</span>
      <input
        data-testid={testid}
        type={type}
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
      />
    </label>
  );
}

function Choice({
  label,
  value,
  options,
  onChange,
  disabled,
  testid,
}: {
  label: string;
  value: string;
  options: readonly string[];
  onChange: (v: string) => void;
  disabled: boolean;
  testid: string;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select data-testid={testid} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    </label>
  );
}

/** The fields that depend on the protocol: OPC UA endpoint and security, or an MQTT broker with groups / topics. */
export function KindFields({ draft, set, disabled }: { draft: ConnectionDraft; set: Set; disabled: boolean }): ReactNode {
  const credentials = (
    <>
      <Text label="User name (optional)" testid="conn-user" value={draft.userName} onChange={(userName) => set({ userName })} disabled={disabled} />
      <Text
        label="Password"
        testid="conn-password"
        type="password"
        value={draft.password}
        placeholder={draft.passwordStored ? 'stored – leave empty to keep' : 'none'}
        onChange={(password) => set({ password })}
        disabled={disabled}
      />
    </>
  );
  if (draft.kind === 'opcua') {
    return (
      <>
        <Text
          label="Endpoint"
          testid="conn-endpoint"
          wide
          value={draft.endpoint}
          placeholder="opc.tcp://plc:4840"
          onChange={(endpoint) => set({ endpoint })}
          disabled={disabled}
        />
        <Choice
          label="Security mode"
          testid="conn-security-mode"
          value={draft.securityMode}
          options={['None', 'Sign', 'SignAndEncrypt']}
          onChange={(securityMode) => set({ securityMode })}
          disabled={disabled}
        />
        <Choice
          label="Security policy"
          testid="conn-security-policy"
          value={draft.securityPolicy}
          options={['Basic256Sha256', 'Aes128_Sha256_RsaOaep', 'Aes256_Sha256_RsaPss']}
          onChange={(securityPolicy) => set({ securityPolicy })}
          disabled={disabled || draft.securityMode === 'None'}
        />
        {credentials}
        <Text
          label="Sampling (ms)"
          testid="conn-sampling"
          type="number"
          value={draft.samplingIntervalMs}
          onChange={(samplingIntervalMs) => set({ samplingIntervalMs })}
          disabled={disabled}
        />
        <Text
          label="Publishing (ms)"
          testid="conn-publishing"
          type="number"
          value={draft.publishingIntervalMs}
          onChange={(publishingIntervalMs) => set({ publishingIntervalMs })}
          disabled={disabled}
        />
      </>
    );
  }
  return (
    <>
      <Text
        label="Broker URL"
        testid="conn-broker"
        wide
        value={draft.brokerUrl}
        placeholder="mqtt://broker:1883"
        onChange={(brokerUrl) => set({ brokerUrl })}
        disabled={disabled}
      />
      {draft.kind === 'sparkplug' && (
        <Text label="Host id" testid="conn-host-id" value={draft.hostId} onChange={(hostId) => set({ hostId })} disabled={disabled} />
      )}
      <label className="field">
        <span>{draft.kind === 'sparkplug' ? 'Groups (one per line, + = all)' : 'Topics (one per line, # = all)'}</span>
        <textarea data-testid="conn-topics" rows={3} value={draft.topics} disabled={disabled} onChange={(e) => set({ topics: e.target.value })} />
      </label>
      {credentials}
    </>
  );
}
