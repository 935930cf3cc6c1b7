import { copyText } from '../common/clipboard.ts';
import { downloadText } from '../common/download.ts';
import { useNotice } from '../common/use-notice.ts';

/** "Copy log" and "Download log": the lines the filter shows, as plain text without escapes. */
export function LogExport({ lineCount, text, fileName }: { lineCount: number; text: () => string; fileName: string }) {
  const [notice, show] = useNotice();
  const copy = async () => {
    try {
      await copyText(text());
      show(`Copied ${lineCount} ${lineCount === 1 ? 'line' : 'lines'}`);
    } catch (error) {
      show(`Could not copy: ${(error as Error).message}`);
    }
  };
  const download = () => {
    downloadText(text(), fileName);
    show(`Saved ${fileName}`);
  };
  return (
    <div className="log-export">
      <button type="button" className="btn btn-small" disabled={lineCount === 0} onClick={() => void copy()}>Copy log</button>
      <button type="button" className="btn btn-small" disabled={lineCount === 0} onClick={download}>Download log</button>
      <span className="rv-notice" role="status">{notice}</span>
    </div>
  );
}
