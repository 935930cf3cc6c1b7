import { useToasts } from '../app/toasts.ts';
import { ToastItem } from './ToastItem.tsx';

/** Where brief confirmations appear; a polite live region, so "Run #12 queued" is read without moving focus. */
export function Toasts() {
  const toasts = useToasts();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => <ToastItem key={toast.id} toast={toast} />)}
    </div>
  );
}
