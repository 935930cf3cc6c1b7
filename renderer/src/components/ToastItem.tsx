import { useEffect, useState } from 'react';
import { dismissToast, type Toast } from '../app/toasts.ts';
import { Icon } from './Icon.tsx';

const VISIBLE_MS = 8000;

/** One toast. It waits while the pointer or focus is on it, so its link can still be reached with the keyboard. */
export function ToastItem({ toast }: { toast: Toast }) {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (held) return;
    const timer = window.setTimeout(() => dismissToast(toast.id), VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [held, toast.id]);
  const hold = () => setHeld(true);
  const release = () => setHeld(false);
  return (
    <div className="toast" onMouseEnter={hold} onMouseLeave={release} onFocus={hold} onBlur={release}>
      <span className="toast-message">{toast.message}</span>
      {toast.link && <a className="toast-link" href={toast.link.href} onClick={() => dismissToast(toast.id)}>{toast.link.label}</a>}
      <button type="button" className="btn-icon" aria-label="Dismiss" onClick={() => dismissToast(toast.id)}><Icon name="close" /></button>
    </div>
  );
}
