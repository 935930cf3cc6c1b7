import { watch, type FSWatcher } from 'node:fs';

/**
 * Calls `onChange` once a burst of changes in `dir` has settled for `debounceMs` (an editor's save is a write,
 * a rename and a delete in a few ms; one rescan covers them all). Returns the function that stops watching.
 */
export function watchFolder(dir: string, onChange: () => void, debounceMs = 100): () => void {
  let timer: NodeJS.Timeout | null = null;
  let watcher: FSWatcher | null = null;
  const fire = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      onChange();
    }, debounceMs);
  };
  try {
    watcher = watch(dir, { persistent: false }, fire);
    // The folder was removed or became unreadable: its skills stay as last read until a reload.
    watcher.on('error', () => watcher?.close());
  } catch {
    // Not watchable (a missing folder): reload() still reads it.
  }
  return () => {
    if (timer) clearTimeout(timer);
    watcher?.close();
  };
}
