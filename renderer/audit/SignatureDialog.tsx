import { useState } from 'react';
import { ROLE_LABEL, type Role } from '../../core';
import { Modal } from '../shell/Modal';
import { useSession } from '../shell/context';
import type { GivenSignatures, SignatureAsk } from './signing-client';

const label = (meaning: string) => meaning.charAt(0).toUpperCase() + meaning.slice(1);

/**
 * An electronic signature (21 CFR Part 11): what is signed and with what meaning, the signer (user name at the session's
 * first signing, then the password alone), and for a two-person action the second signer's name and password.
 */
export function SignatureDialog({
  ask,
  error,
  onSign,
  onCancel,
}: {
  ask: SignatureAsk;
  error: string | null;
  onSign: (signatures: GivenSignatures) => void;
  onCancel: () => void;
}) {
  const { user } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [secondName, setSecondName] = useState('');
  const [secondPassword, setSecondPassword] = useState('');
  const [missing, setMissing] = useState<string | null>(null);

  const submit = () => {
    if ((ask.usernameRequired && !username.trim()) || !password) return setMissing('Type your user name and password to sign.');
    if (ask.second && (!secondName.trim() || !secondPassword)) return setMissing('The second signer types their user name and password.');
    const mine = ask.usernameRequired ? { username: username.trim(), password } : { password };
    onSign(ask.second ? [mine, { username: secondName.trim(), password: secondPassword }] : [mine]);
  };
  const shown = missing ?? error;
  return (
    <Modal title={`Signature: ${ask.actionLabel}`} testid="signature-dialog" onCancel={onCancel} onSubmit={submit}>
      <p data-testid="signature-meaning">
        You sign as <strong>{user.displayName}</strong> ({user.username}), meaning <strong>{label(ask.meaning)}</strong>. The signature is
        recorded with the action, its date and time, and is bound to it.
      </p>
      {ask.usernameRequired && (
        <label className="field">
          <span>Your user name (your first signature in this session)</span>
          <input data-testid="signature-username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
      )}
      <label className="field">
        <span>Your password</span>
        <input
          data-testid="signature-password"
          type="password"
          autoComplete="current-password"
          autoFocus={!ask.usernameRequired}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={shown !== null}
        />
      </label>
      {ask.second && (
        <fieldset className="fieldset" data-testid="signature-second">
          <legend>
            Second signature, {label(ask.second.meaning)}: another person ({ask.second.roles.map((r) => ROLE_LABEL[r as Role] ?? r).join(', ')})
          </legend>
          <label className="field">
            <span>Their user name</span>
            <input data-testid="signature-second-username" autoComplete="off" value={secondName} onChange={(e) => setSecondName(e.target.value)} />
          </label>
          <label className="field">
            <span>Their password</span>
            <input data-testid="signature-second-password" type="password" autoComplete="off" value={secondPassword} onChange={(e) => setSecondPassword(e.target.value)} />
          </label>
        </fieldset>
      )}
      <div className="message message-error" role="alert" data-testid="signature-error" hidden={shown === null}>
        {shown}
      </div>
      <div className="dialog-buttons">
        <button type="submit" className="button button-primary" data-testid="signature-submit">
          Sign
        </button>
        <button type="button" className="button" data-testid="signature-cancel" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
