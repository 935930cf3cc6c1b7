import { boardHash } from '../../app/route.ts';
import { useBoardQuery } from '../../app/router.ts';
import { EmptyState } from '../../components/EmptyState.tsx';

/** A link to a run this data folder does not have: say so, and where to go instead. */
export function RunNotFound({ runId }: { runId: number }) {
  const boardQuery = useBoardQuery();
  return (
    <EmptyState title={`Run #${runId} was not found`}>
      <p>
        There is no run with this number in the data folder Ops Control Room is using: the link may be from another
        machine or data folder. Find the run on the <a href={boardHash(boardQuery)}>Runboard</a>.
      </p>
    </EmptyState>
  );
}
