import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { LogExport } from './LogExport.tsx';
import { LogFilters, type StepChoice } from './LogFilters.tsx';
import { LogLines } from './LogLines.tsx';
import { LogSearchBox } from './LogSearchBox.tsx';
import { LogStatus } from './LogStatus.tsx';
import type { LogStore } from './log-store.ts';
import { LogView } from './log-view.ts';
import { ROW_HEIGHT, useLogScroller } from './use-log-scroller.ts';
import { searchCounter, useLogSearch } from './use-log-search.ts';
import './log.css';

/** What the reader chose; kept by the Run view so switching tabs or clicking a step does not lose it. */
export interface LogSettings {
  stepId: string | null;
  system: boolean;
  query: string;
}

/** The log tab: filters, search, export, the virtualized lines and the tail-following. */
export function LogPanel({ runId, store, reload, steps, settings, onSettings }: {
  runId: number;
  store: LogStore;
  reload: () => void;
  steps: readonly StepChoice[];
  settings: LogSettings;
  onSettings: (patch: Partial<LogSettings>) => void;
}) {
  // Re-renders once per animation frame in which lines arrived; the lines themselves are read from the store.
  useSyncExternalStore(store.subscribe, store.getVersion);
  const { stepId, system } = settings;
  const view = useMemo(() => new LogView({ stepId, system }), [store, stepId, system]);
  view.sync(store);

  const scroller = useLogScroller(view.rows.length);
  const { scrollRef, showRow } = scroller;
  const firstVisibleRow = useCallback(() => Math.floor((scrollRef.current?.scrollTop ?? 0) / ROW_HEIGHT), [scrollRef]);
  const { search, current, step } = useLogSearch(store, view, settings.query, firstVisibleRow, showRow);
  const fileName = `run-${runId}${stepId ? `-${stepId.replace(/[^\w.-]/g, '_')}` : ''}.log`;

  return (
    <div className="log-panel">
      <div className="log-toolbar">
        <LogSearchBox query={settings.query} onQuery={(query) => onSettings({ query })} counter={searchCounter(search, current)} onStep={step} />
        <LogFilters
          steps={steps}
          stepId={stepId}
          onStep={(id) => onSettings({ stepId: id })}
          system={system}
          onSystem={(value) => onSettings({ system: value })}
        />
        <LogExport lineCount={view.rows.length} text={() => view.text(store)} fileName={fileName} />
      </div>
      <div className="log-frame">
        <LogLines
          store={store}
          view={view}
          search={search}
          current={current}
          scrollRef={scrollRef}
          virtualizer={scroller.virtualizer}
          onScroll={scroller.onScroll}
        />
        {view.rows.length === 0 && store.state.phase !== 'loading' && (
          <p className="log-empty">{stepId ? 'No lines from this step yet.' : 'No output yet.'}</p>
        )}
        {!scroller.following && (
          <button type="button" className="btn btn-primary log-jump" onClick={scroller.jumpToLatest}>Jump to latest</button>
        )}
      </div>
      <LogStatus outputCount={view.outputCount} state={store.state} onRetry={reload} />
    </div>
  );
}
