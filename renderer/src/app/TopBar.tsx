import { boardHash, SCHEDULES_HASH, SERVERS_HASH } from './route.ts';
import { useBoardQuery, useRoute } from './router.ts';
import { COMMAND_BAR_KEYS, IS_MAC } from './platform.ts';
import { openCommandBar } from '../features/command-bar/command-bar-store.ts';
import { ThemeToggle } from './ThemeToggle.tsx';
import { PendingApprovalsLink } from '../features/run/approval/PendingApprovalsLink.tsx';

/** Brand, the two places (board keeps its last filter), the command bar's button and the theme switch. */
export function TopBar() {
  const route = useRoute();
  const boardQuery = useBoardQuery();
  return (
    <header className="topbar">
      <span className="brand"><span className="brand-mark" aria-hidden="true">◧</span> Ops Control Room</span>
      <nav className="topnav" aria-label="Main">
        <a href={boardHash(boardQuery)} aria-current={route.name === 'board' ? 'page' : undefined}>Runboard</a>
        <a href={SERVERS_HASH} aria-current={route.name === 'servers' ? 'page' : undefined}>Servers &amp; tools</a>
        <a href={SCHEDULES_HASH} aria-current={route.name === 'schedules' ? 'page' : undefined}>Schedules</a>
      </nav>
      <div className="topbar-actions">
        <PendingApprovalsLink />
        <button
          type="button"
          className="btn btn-primary command-button"
          onClick={openCommandBar}
          aria-keyshortcuts={IS_MAC ? 'Meta+K' : 'Control+K'}
        >
          Run a command
          <kbd aria-hidden="true">{COMMAND_BAR_KEYS}</kbd>
        </button>
        <ThemeToggle />
      </div>
    </header>
  );
}
