import { useQuery } from '@tanstack/react-query';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { keys } from '../../../data/keys.ts';
import { client } from '../../../ipc/index.ts';
import type { StepChoice } from '../log/LogFilters.tsx';
import { BundleExport } from './BundleExport.tsx';
import { groupProofs } from './group-proofs.ts';
import { StepProofsCard } from './StepProofsCard.tsx';
import './proofs.css';

/** Every verdict of the run by step and try, which steps are proven, and the bundle export. */
export function ProofsPanel({ runId, steps, onOpenArtifact }: {
  runId: number;
  steps: readonly StepChoice[];
  onOpenArtifact: (sha256: string) => void;
}) {
  // keys.proofs(runId) is refreshed by the shell's live updates whenever a proof event arrives.
  const proofs = useQuery({ queryKey: keys.proofs(runId), queryFn: () => client.call('proofs.list', { runId }) });
  const groups = proofs.data ? groupProofs(proofs.data, steps.map((step) => step.id)) : [];
  const proven = groups.filter((group) => group.proven).length;
  return (
    <section className="rv-proofs" aria-labelledby="run-proofs-heading">
      <div className="rv-section-head">
        <h2 id="run-proofs-heading" className="rv-section-title">Proofs</h2>
        {proofs.data && <span className="proof-count">{proven} of {groups.length} steps proven</span>}
      </div>
      <BundleExport runId={runId} />
      {proofs.isPending && <LoadingState label="Loading proofs" />}
      {proofs.isError && !proofs.data && (
        <ErrorState title="Could not load the proofs" error={proofs.error} onRetry={() => void proofs.refetch()} />
      )}
      {groups.map((group) => (
        <StepProofsCard
          key={group.stepId}
          group={group}
          label={steps.find((step) => step.id === group.stepId)?.label ?? group.stepId}
          onOpenArtifact={onOpenArtifact}
        />
      ))}
    </section>
  );
}
