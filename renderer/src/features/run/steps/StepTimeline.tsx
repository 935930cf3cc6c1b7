import type { RunDetail } from '../../../../../shared/ipc/methods/runs.ts';
import { useNow } from '../../../components/use-now.ts';
import { StepRerun } from '../reruns/StepRerun.tsx';
import { StepRow } from './StepRow.tsx';
import './steps.css';

/**
 * The steps in DAG order with their state and timing; each bar sits on the run's span (start to finish, or to
 * now while it runs). Choosing a step filters the log to it; choosing it again shows every step.
 */
export function StepTimeline({ detail, order, selected, onSelect }: {
  detail: RunDetail;
  order: readonly string[];
  selected: string | null;
  onSelect: (stepId: string | null) => void;
}) {
  const { run } = detail;
  const now = useNow(1000, run.startedAt !== null && run.finishedAt === null);
  const start = run.startedAt?.getTime() ?? null;
  const end = run.finishedAt?.getTime() ?? now;
  const span = start === null ? null : { start, end: Math.max(end, start + 1) };
  return (
    <section className="rv-steps" aria-labelledby="run-steps-heading">
      <h2 id="run-steps-heading" className="rv-section-title">Steps</h2>
      <ol className="step-list">
        {order.map((stepId) => (
          <StepRow
            key={stepId}
            outline={detail.plan.steps.find((step) => step.id === stepId)!}
            step={detail.steps.find((step) => step.stepId === stepId) ?? null}
            span={span}
            now={now}
            selected={selected === stepId}
            onSelect={() => onSelect(selected === stepId ? null : stepId)}
            actions={<StepRerun run={run} stepId={stepId} step={detail.steps.find((step) => step.stepId === stepId) ?? null} />}
          />
        ))}
      </ol>
    </section>
  );
}
