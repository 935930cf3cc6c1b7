import { useEffect, useRef, useState } from 'react';
import { MAX_TEXT } from './filter-url.ts';

const DEBOUNCE_MS = 250;

/**
 * "Filter text": typed freely, written to the URL (and so fetched) once typing pauses. A change from outside
 * (Clear filters, Back) replaces what is in the box.
 */
export function TextFilter({ value, onChange, placeholder = 'Title or error…' }: { value: string; onChange: (next: string) => void; placeholder?: string }) {
  const [text, setText] = useState(value);
  const sent = useRef(value);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (text === sent.current) return;
    const timer = window.setTimeout(() => {
      sent.current = text;
      onChangeRef.current(text);
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);

  return (
    <div className="filter-field">
      <label className="filter-label" htmlFor="board-filter-text">Filter text</label>
      <input
        id="board-filter-text"
        className="input input-small"
        type="search"
        placeholder={placeholder}
        maxLength={MAX_TEXT}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </div>
  );
}
