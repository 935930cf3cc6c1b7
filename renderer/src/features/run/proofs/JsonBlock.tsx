import { useMemo, useState } from 'react';
import { fullJson, previewJson } from './json-preview.ts';

/** Pretty JSON in a collapsible block; long strings are cut until "Show all" is pressed. Text nodes only. */
export function JsonBlock({ label, value, open = true }: { label: string; value: unknown; open?: boolean }) {
  const [all, setAll] = useState(false);
  const preview = useMemo(() => previewJson(value), [value]);
  return (
    <details className="json-block" open={open}>
      <summary>{label}</summary>
      <pre className="json-text">{all ? fullJson(value) : preview.text}</pre>
      {preview.truncated && (
        <button type="button" className="btn btn-small" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? 'Show less' : 'Show all'}
        </button>
      )}
    </details>
  );
}
