import { useQuery } from '@tanstack/react-query';
import { RERUN_KIND_LABELS } from '../../../../../shared/domain/rerun.ts';
import type { Run } from '../../../../../shared/domain/run.ts';
import { runHash } from '../../../app/route.ts';
import { StatusBadge } from '../../../components/StatusBadge.tsx';
import { client } from '../../../ipc/index.ts';
import { DriftTable } from './DriftTable.tsx';
import { rerunsKey } from './use-rerun.ts';
import './reruns.css';

/**
 * The history of this run: the run it repeats, the runs that repeat it (kind, status, what drifted), and, for a
 * run that re-checked recorded outcomes (a re-prove, a resume), each re-check beside the proof it re-checked.
 * Nothing at all for a run that is neither.
 */
export function RunLineage({ run }: { run: Run }) {
  const history = useQuery({ queryKey: rerunsKey(run.id), queryFn: () => client.call('runs.reruns', { id: run.id }) });
  const data = history.data;
  if (!data || (!run.rerunKind && data.children.length === 0 && data.rechecks.length === 0)) return null;
  const drifted = data.children.filter((c) => c.drift.length > 0);
  return (
    <section className="rr-lineage" aria-label="History of this run">
      <div className="rr-strip">
        {run.rerunKind && (
          <span className="rr-parent">
            {RERUN_KIND_LABELS[run.rerunKind]} of{' '}
            {data.parent ? <><a href={runHash(data.parent.id)}>#{data.parent.id}</a> <StatusBadge status={data.parent.status} /></> : 'a run since purged'}
          </span>
        )}
        {data.children.length > 0 && (
          <span className="rr-children-label">{run.rerunKind ? 'Its reruns:' : 'Reruns:'}</span>
        )}
        {data.children.length > 0 && (
          <ul className="rr-children" aria-label="Reruns of this run">
            {data.children.map((child) => (
              <li key={child.id}>
                <a href={runHash(child.id)}>#{child.id}</a> {RERUN_KIND_LABELS[child.rerunKind]} <StatusBadge status={child.status} />
                {child.drift.length > 0 && <span className="rr-drift-count"> drift in {child.drift.length}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      {drifted.length > 0 && (
        <ul className="rr-drift-list" aria-label="Drift found by its reruns">
          {drifted.flatMap((child) => child.drift.map((d, i) => (
            <li key={`${child.id}-${i}`}>
              <span aria-hidden="true">⚠ </span><strong>{d.stepId}</strong> no longer holds ({d.verifierKind}, <a href={runHash(child.id)}>#{child.id}</a>): {d.summary}
            </li>
          )))}
        </ul>
      )}
      {data.rechecks.length > 0 && <DriftTable rechecks={data.rechecks} />}
    </section>
  );
}
