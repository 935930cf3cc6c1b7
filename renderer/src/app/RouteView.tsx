import { useEffect, useRef } from 'react';
import { Runboard } from '../features/board/Runboard.tsx';
import { RunView } from '../features/run/RunView.tsx';
import { ServersPage } from '../features/servers/ServersPage.tsx';
import { SchedulesPage } from '../features/schedules/SchedulesPage.tsx';
import { NotFound } from './NotFound.tsx';
import { useRoute } from './router.ts';

const TITLES = { board: 'Runboard', run: 'Run', servers: 'Servers & tools', schedules: 'Schedules', notFound: 'Not found' } as const;

/**
 * The screen for the current hash. On a move to another screen (not a filter change) focus goes to <main>, so
 * keyboard and screen-reader users start at the new content instead of on a link that is no longer there.
 * The effect keys on `screen` alone: a board filter change is not a new screen.
 */
export function RouteView() {
  const route = useRoute();
  const screen = route.name === 'run' ? `run:${route.id}` : route.name;
  const firstScreen = useRef(true);

  useEffect(() => {
    document.title = `${route.name === 'run' ? `Run #${route.id}` : TITLES[route.name]} — Ops Control Room`;
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [screen]);

  switch (route.name) {
    case 'board': return <Runboard query={route.query} />;
    case 'run': return <RunView key={route.id} runId={route.id} />;
    case 'servers': return <ServersPage />;
    case 'schedules': return <SchedulesPage />;
    case 'notFound': return <NotFound path={route.path} />;
  }
}
