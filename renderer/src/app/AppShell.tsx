import { useCallback, useState } from 'react';
import { Toasts } from '../components/Toasts.tsx';
import { CommandBar } from '../features/command-bar/CommandBar.tsx';
import { openCommandBar, useCommandBarOpen } from '../features/command-bar/command-bar-store.ts';
import { HealthBanner } from '../features/health/HealthBanner.tsx';
import { SessionsSidebar } from '../features/sessions/SessionsSidebar.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { RouteView } from './RouteView.tsx';
import { boardHash, SERVERS_HASH } from './route.ts';
import { navigate, useBoardQuery } from './router.ts';
import type { ShortcutAction } from './shortcuts.ts';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { TopBar } from './TopBar.tsx';
import { useLiveUpdates } from './use-live-updates.ts';
import { useOpenRequests } from './use-open-requests.ts';
import { useShortcuts } from './use-shortcuts.ts';

/** The frame around every screen: top bar, connection banner, sessions on the left, the route in the middle. */
export function AppShell() {
  useLiveUpdates();
  useOpenRequests();
  const commandBarOpen = useCommandBarOpen();
  const [helpOpen, setHelpOpen] = useState(false);
  const boardQuery = useBoardQuery();

  const onShortcut = useCallback((action: ShortcutAction) => {
    if (action === 'commandBar') return openCommandBar();
    // Behind an open dialog the page is inert: a stray "g b" must not move it.
    if (document.querySelector('dialog[open]')) return;
    if (action === 'board') navigate(boardHash(boardQuery));
    else if (action === 'servers') navigate(SERVERS_HASH);
    else setHelpOpen(true);
  }, [boardQuery]);
  useShortcuts(onShortcut);

  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
      <TopBar />
      <ConnectionBanner />
      <HealthBanner />
      <div className="app-body">
        <SessionsSidebar />
        <main id="main" className="app-main" tabIndex={-1}>
          <RouteView />
        </main>
      </div>
      <Toasts />
      {commandBarOpen && <CommandBar />}
      {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
