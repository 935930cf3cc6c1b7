/** Whether the text filter searches the runs' log lines (each typed word starts a word) or titles and errors. */
export function LogModeToggle({ value, onChange }: { value: boolean; onChange: (searchLogs: boolean) => void }) {
  return (
    <label className="checkbox-label filter-logs" title="Find runs whose log lines contain the text; the matching lines show on each card">
      <input type="checkbox" checked={value} onChange={(e) => onChange(e.target.checked)} />
      in logs
    </label>
  );
}
