import { useEffect, useRef, type ReactNode } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog on the native <dialog> (top layer, the page behind inert, Esc). Mounted = open. Focus starts
 * on the element marked data-autofocus (else the first focusable one). Tab wraps
 * inside it rather than leaving for the browser's chrome, Esc calls `onClose`, and focus goes back to where it
 * was when the dialog closes.
 */
export function Dialog({ label, onClose, className, children }: {
  label: string;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current!;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // Browsers differ on what showModal focuses; the dialog says where to start with data-autofocus.
    dialog.querySelector<HTMLElement>(`[data-autofocus], ${FOCUSABLE}`)?.focus();
    const onCancel = (event: Event) => {
      // React decides when the dialog closes (it unmounts it); the browser must not close it behind our back.
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.close();
      // The opener may be gone (a removed server's button): the main region is the next best place.
      (returnTo?.isConnected ? returnTo : document.getElementById('main'))?.focus();
    };
  }, []);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const items = [...ref.current!.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog ref={ref} className={`dialog ${className ?? ''}`} aria-label={label} aria-modal="true" onKeyDown={onKeyDown}>
      {children}
    </dialog>
  );
}
