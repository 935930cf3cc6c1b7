import { copyText } from './clipboard.ts';
import { useNotice } from './use-notice.ts';

/** A small "Copy" button for one value (a sha256); `label` names what it copies for screen readers. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [notice, show] = useNotice();
  const copy = () => copyText(value).then(() => show('Copied'), (error: Error) => show(`Not copied: ${error.message}`));
  return (
    <span className="rv-copy">
      <button type="button" className="btn btn-small" aria-label={label} onClick={() => void copy()}>Copy</button>
      <span role="status" className="rv-notice">{notice}</span>
    </span>
  );
}
