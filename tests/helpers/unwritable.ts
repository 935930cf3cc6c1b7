import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';

/**
 * Makes a folder refuse new entries, for this user: chmod for a normal user; for root, who ignores modes, the
 * immutable attribute (EPERM even for root, on ext4 and most local filesystems). Returns the undo, or why it
 * cannot be done here.
 */
export function makeUnwritable(dir: string): (() => void) | string {
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o555);
    return () => chmodSync(dir, 0o755);
  }
  const set = spawnSync('chattr', ['+i', dir], { encoding: 'utf8' });
  if (set.status !== 0) return `running as root and chattr +i is not available here: ${set.error?.message ?? set.stderr.trim()}`;
  return () => {
    spawnSync('chattr', ['-i', dir]);
  };
}
