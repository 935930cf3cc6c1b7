import { useEffect, useState } from 'react';
import { connection } from '../ipc/index.ts';
import { useConnectionState } from './use-connection-state.ts';

/** A first connect this quick needs no banner; only a slow one is worth mentioning. */
const CONNECTING_GRACE_MS = 1500;

/** Says when the app cannot reach its core, and what to do about it. Hidden while the connection is open. */
export function ConnectionBanner() {
  const state = useConnectionState();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (state !== 'connecting') return;
    const timer = window.setTimeout(() => setSlow(true), CONNECTING_GRACE_MS);
    return () => window.clearTimeout(timer);
  }, [state]);

  if (state === 'open' || (state === 'connecting' && !slow)) return null;
  if (state === 'closed') {
    // A reason (a refused token) says what to do; reloading the same address would not help then.
    const reason = connection.reason();
    return (
      <div className="banner banner-error" role="alert">
        <span aria-hidden="true">⚠</span>
        <span>
          Not connected to Ops Control Room: {reason ?? (
            <>the connection closed. If <code>opsroom serve</code> was stopped, start it again and open the address it prints.</>
          )}
        </span>
        {reason === null && <button type="button" className="btn" onClick={() => window.location.reload()}>Reload</button>}
      </div>
    );
  }
  return (
    <div className="banner banner-warn" role="status">
      <span className="spinner" aria-hidden="true" />
      <span>{state === 'connecting' ? 'Connecting to Ops Control Room…' : 'Reconnecting to Ops Control Room…'} Changes will show once it is back.</span>
    </div>
  );
}
