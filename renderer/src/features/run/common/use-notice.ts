import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a confirmation ("Copied 120 lines") stays visible. */
const NOTICE_MS = 4000;

/**
 * A short message that clears itself: shown next to the control that caused it, inside an always-present
 * role="status" element so screen readers announce it without moving focus.
 */
export function useNotice(): [string, (message: string) => void] {
  const [notice, setNotice] = useState('');
  const timer = useRef<number | undefined>(undefined);
  const show = useCallback((message: string) => {
    window.clearTimeout(timer.current);
    setNotice(message);
    timer.current = window.setTimeout(() => setNotice(''), NOTICE_MS);
  }, []);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return [notice, show];
}
