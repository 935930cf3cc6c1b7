import { Dialog } from '../components/Dialog.tsx';
import { SHORTCUTS } from './shortcuts.ts';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog label="Keyboard shortcuts" onClose={onClose} className="dialog-small">
      <h2 className="dialog-title">Keyboard shortcuts</h2>
      <dl className="shortcut-list">
        {SHORTCUTS.map((s) => (
          <div key={s.keys} className="shortcut-row">
            <dt><kbd>{s.keys}</kbd></dt>
            <dd>{s.does}</dd>
          </div>
        ))}
      </dl>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose} data-autofocus="">Close</button>
      </div>
    </Dialog>
  );
}
