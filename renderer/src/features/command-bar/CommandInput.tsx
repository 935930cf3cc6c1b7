import { optionId } from './SuggestionList.tsx';

/**
 * The "Command" box. ↑/↓ move the highlight through the suggestions (wrapping, and back to "none" past
 * either end, where Enter runs what is typed); focus never leaves the box.
 */
export function CommandInput({ value, listId, count, active, onChange, onActiveChange }: {
  value: string;
  listId: string;
  count: number;
  active: number;
  onChange: (value: string) => void;
  onActiveChange: (index: number) => void;
}) {
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    if (count === 0) return;
    // Positions: -1 (nothing highlighted), 0 … count-1.
    const step = event.key === 'ArrowDown' ? 1 : -1;
    onActiveChange(((active + 1 + step + count + 1) % (count + 1)) - 1);
  };
  return (
    <div className="command-input-row">
      <span className="prompt" aria-hidden="true">$</span>
      <input
        className="command-input"
        aria-label="Command"
        placeholder="A command, /skill, a runbook or plan file, ? a request — or search recent commands and plans"
        autoComplete="off"
        spellCheck={false}
        data-autofocus=""
        // Back from a form or a dry run mounts the box again: focus returns to it.
        autoFocus
        value={value}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? optionId(listId, active) : undefined}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
