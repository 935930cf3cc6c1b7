import type { PurgeReport } from '../../../../shared/domain/retention.ts';
import { TimeAgo } from '../../components/TimeAgo.tsx';

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** What a purge removed (or, dry, would remove), in one or two sentences. */
export function PurgeSummary({ report, title }: { report: PurgeReport; title: string }) {
  const verb = report.dryRun ? 'Would remove' : 'Removed';
  return (
    <div className="purge-summary" role="status">
      <strong>{title}</strong> <TimeAgo date={report.startedAt} />
      <p>
        {verb} {report.runsDeleted} runs, {report.events} log lines, {report.artifacts} artifacts and {report.proofs} proofs
        {report.runsTrimmed > 0 && `; ${report.dryRun ? 'would trim' : 'trimmed'} ${report.runsTrimmed} runs to their proofs`}.
        {!report.dryRun && ` Database ${mb(report.sizeBefore)} → ${mb(report.sizeAfter)}.`}
        {!report.complete && ' Not finished (time budget spent): the next purge goes on.'}
      </p>
    </div>
  );
}
