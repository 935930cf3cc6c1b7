import { useMemo, useState } from 'react';
import type { RunDetail } from '../../../../shared/ipc/methods/runs.ts';
import { panelId, TabList, tabId, type TabSpec } from './common/TabList.tsx';
import { ApprovalPanel } from './approval/ApprovalPanel.tsx';
import { ArtifactsPanel } from './artifacts/ArtifactsPanel.tsx';
import { LogPanel, type LogSettings } from './log/LogPanel.tsx';
import { useRunLog } from './log/use-run-log.ts';
import { ProofsPanel } from './proofs/ProofsPanel.tsx';
import { RunHeader } from './RunHeader.tsx';
import { RunLineage } from './reruns/RunLineage.tsx';
import { dagOrder } from './steps/step-order.ts';
import { StepTimeline } from './steps/StepTimeline.tsx';

type Tab = 'log' | 'proofs' | 'artifacts';
const TABS: readonly TabSpec<Tab>[] = [
  { id: 'log', label: 'Log' },
  { id: 'proofs', label: 'Proofs' },
  { id: 'artifacts', label: 'Artifacts' },
];
const PREFIX = 'run';

/**
 * A loaded run: header on top, the step timeline beside the tabs (Log | Proofs | Artifacts), the log taking
 * most of the height. The log's store and settings live here, so switching tabs keeps the loaded lines, the
 * filter and the search; a step chosen in the timeline filters the log and shows it.
 */
export function RunPage({ detail }: { detail: RunDetail }) {
  const runId = detail.run.id;
  const log = useRunLog(runId);
  const [tab, setTab] = useState<Tab>('log');
  const [settings, setSettings] = useState<LogSettings>({ stepId: null, system: true, query: '' });
  const [openedArtifact, setOpenedArtifact] = useState<string | null>(null);
  const order = useMemo(() => dagOrder(detail.plan.steps), [detail.plan.steps]);
  const steps = useMemo(() => order.map((id) => {
    const outline = detail.plan.steps.find((step) => step.id === id)!;
    return { id, label: outline.name ?? id };
  }), [order, detail.plan.steps]);

  const showStep = (stepId: string | null) => {
    setSettings((old) => ({ ...old, stepId }));
    setTab('log');
  };
  const openArtifact = (sha256: string | null) => {
    setOpenedArtifact(sha256);
    setTab('artifacts');
  };

  return (
    <div className="rv-view">
      <RunHeader run={detail.run} />
      <RunLineage run={detail.run} />
      <ApprovalPanel runId={runId} />
      <div className="rv-body">
        <StepTimeline detail={detail} order={order} selected={settings.stepId} onSelect={showStep} />
        <div className="rv-main">
          <TabList label="Run details" prefix={PREFIX} tabs={TABS} selected={tab} onSelect={setTab} />
          <div className="rv-panel" role="tabpanel" id={panelId(PREFIX, tab)} aria-labelledby={tabId(PREFIX, tab)}>
            {tab === 'log' && (
              <LogPanel
                runId={runId}
                store={log.store}
                reload={log.reload}
                steps={steps}
                settings={settings}
                onSettings={(patch) => setSettings((old) => ({ ...old, ...patch }))}
              />
            )}
            {tab === 'proofs' && <ProofsPanel runId={runId} steps={steps} onOpenArtifact={openArtifact} />}
            {tab === 'artifacts' && <ArtifactsPanel runId={runId} opened={openedArtifact} onOpen={openArtifact} />}
          </div>
        </div>
      </div>
    </div>
  );
}
