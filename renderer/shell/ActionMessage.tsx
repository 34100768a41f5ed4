/** What the last action did, or why the station refused it, in words. Refusals are not alarms: no alarm colour. */
export type ActionResult = { readonly kind: 'error' | 'info'; readonly text: string } | null;

export function ActionMessage({ message, testid }: { message: ActionResult; testid: string }) {
  return (
    <div className={`message${message ? ` message-${message.kind}` : ''}`} role="alert" data-testid={testid} data-kind={message?.kind ?? 'none'}>
      {message?.kind === 'error' ? <strong>Not done: </strong> : null}
      {message?.text}
    </div>
  );
}
